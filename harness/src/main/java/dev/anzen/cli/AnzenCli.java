package dev.anzen.cli;

import dev.anzen.Version;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code anzen} command: parses arguments, calls the library, prints. No logic lives here. */
@Command(name = "anzen", mixinStandardHelpOptions = true, versionProvider = AnzenCli.VersionProvider.class,
        description = "Multilingual (Japanese/English) LLM safety benchmark harness.",
        subcommands = {RunCommand.class, ValidateCommand.class, ImportCommand.class, ScoreCommand.class,
                RescoreCommand.class, AttacksCommand.class, MergeCommand.class, CompareCommand.class,
                HistoryCommand.class, ReportCommand.class, CalibrateCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok; 1 internal error; 2 bad input (arguments, suite or config file, missing API key);",
                "3 a target answered nothing (every call failed: unreachable server, bad key, unknown model);",
                "compare --fail-on-regression: 1 when a rate worsened significantly."})
public final class AnzenCli implements Runnable {

    /** Exit codes, documented in the README. */
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;
    public static final int TARGET_FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return commandLine(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)).execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new AnzenCli());
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
