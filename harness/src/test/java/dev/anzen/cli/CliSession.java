package dev.anzen.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The CLI as a test meets it: runs {@code anzen} in-process with captured output, against an environment that holds
 * only what the test puts in it (no API key or {@code ANZEN_HOME} of the machine leaks in), restored afterwards.
 * Register with {@code @RegisterExtension final CliSession cli = new CliSession();}.
 */
final class CliSession implements BeforeEachCallback, AfterEachCallback {

    private final Map<String, String> env;
    private Function<String, String> saved;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    CliSession() {
        this(Map.of());
    }

    CliSession(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        saved = RunCommand.env;
        RunCommand.env = env::get;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RunCommand.env = saved;
    }

    /** Runs one command; its output replaces the previous command's. */
    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return AnzenCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
