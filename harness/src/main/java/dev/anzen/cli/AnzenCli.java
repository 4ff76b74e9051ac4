package dev.anzen.cli;

import dev.anzen.Version;
import dev.anzen.config.Config;
import dev.anzen.config.ConfigException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code anzen} command: parses arguments, calls the library, prints. No logic lives here. */
@Command(name = "anzen", mixinStandardHelpOptions = true, versionProvider = AnzenCli.VersionProvider.class,
        description = "Multilingual (Japanese/English) LLM safety benchmark harness.",
        footer = {"", "Exit codes: 0 ok; 1 internal error; 2 bad input (arguments, suite or config file, missing API key);",
                "3 a target answered nothing (every call failed: unreachable server, bad key, unknown model);",
                "compare --fail-on-regression: 1 when a rate worsened significantly."})
public final class AnzenCli implements Runnable {

    /** Exit codes, documented in the README. */
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;
    public static final int TARGET_FAILED = 3;

    /**
     * The {@code --config} file (an empty config without one). A bad file is reported on {@code err} with the message
     * that names its line and field, and null is returned: the command then exits {@link #BAD_INPUT}.
     */
    static Config loadConfig(Path file, PrintWriter err) {
        try {
            return Config.loadOrEmpty(file);
        } catch (ConfigException e) {
            err.println("anzen: " + e.getMessage());
            return null;
        }
    }

    /**
     * The subcommands by name, in the order of the usage help. Building a picocli model reads every option of a
     * command by reflection (a few hundred milliseconds for all of them on a small machine), so a call names its
     * subcommand first and only that one is built; help and anything else get them all.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("run", RunCommand.class);
        m.put("validate", ValidateCommand.class);
        m.put("import", ImportCommand.class);
        m.put("score", ScoreCommand.class);
        m.put("rescore", RescoreCommand.class);
        m.put("attacks", AttacksCommand.class);
        m.put("merge", MergeCommand.class);
        m.put("compare", CompareCommand.class);
        m.put("history", HistoryCommand.class);
        m.put("report", ReportCommand.class);
        m.put("calibrate", CalibrateCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return m;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        carriers(System.getProperties(), Runtime.getRuntime().availableProcessors());
        FastExit.exit(execute(args));
    }

    /** The JDK property that sizes the pool of platform threads virtual threads run on (default: one per core). */
    static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

    /**
     * Runs virtual threads on two platform threads per core unless the user set {@value #CARRIERS}; must happen
     * before the first virtual thread starts. With one per core, a case that scores an answer (a millisecond of CPU)
     * holds its carrier while answers that have arrived for other cases wait for one, and every case's round trip
     * grows by that wait: against a 50 ms server at concurrency 64 on two cores, 74% of the ideal rate with two
     * carriers and 89-91% with four. Eight reached 95% there but cost 15-35% more CPU when the server answers at
     * once (the carriers then only compete for the cores), so the default stays at two per core
     * (benchmarks/README.md).
     */
    static void carriers(java.util.Properties props, int cores) {
        if (props.getProperty(CARRIERS) == null) {
            props.setProperty(CARRIERS, String.valueOf(2 * Math.max(1, cores)));
        }
    }

    /** Runs the CLI and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Class<?> only = args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0]) : null;
        return (only == null ? commandLine(out, err) : commandLine(out, err, only)).execute(args);
    }

    /** The whole command line, every subcommand built. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, SUBCOMMANDS.values().toArray(Class<?>[]::new));
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, Class<?>... subcommands) {
        CommandLine cl = new CommandLine(new AnzenCli());
        for (Class<?> c : subcommands) {
            cl.addSubcommand(c);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("anzen: internal error: " + e);
            e.printStackTrace(commandLine.getErr());
            return INTERNAL;
        });
        return cl;
    }

    /** Version from the build. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"anzen " + Version.get(), "Java " + System.getProperty("java.version")};
        }
    }
}
