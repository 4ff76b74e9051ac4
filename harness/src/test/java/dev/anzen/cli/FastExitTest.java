package dev.anzen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link FastExit} in a JVM of its own ({@link FastExitProbe}): the exit code and every byte written before it survive,
 * the JVM's shutdown hooks are skipped only when the launcher's property asks for the fast way and the JDK has the
 * foreign function API (22+), and no warning about native access is printed (the jar's manifest grants it; here the
 * command line does). Nothing is timed: the 0.3 s it saves is measured in benchmarks/README.md.
 */
class FastExitTest {

    private record Exit(int code, String out, String err) {
    }

    private static Exit probe(String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-D" + FastExit.PROPERTY + "=" + mode,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                FastExitProbe.class.getName())).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe ended");
        return new Exit(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theFastWaySkipsTheJvmsExitButKeepsTheCodeAndTheOutput() throws Exception {
        Exit e = probe("true");
        assertEquals(7, e.code(), e.err());
        boolean ffm = Runtime.version().feature() >= 22;
        assertEquals(ffm ? "talked" : "talked hook", e.out(), "unflushed output kept; hooks skipped only with _exit");
        assertFalse(e.err().contains("WARNING"), e.err());
    }

    @Test
    void withoutThePropertyOrWhenPreparingItIsSystemExit() throws Exception {
        for (String mode : List.of("false", "prepare")) {
            Exit e = probe(mode);
            assertEquals(7, e.code(), mode + ": " + e.err());
            assertEquals("talked hook", e.out(), mode);
            assertFalse(e.err().contains("WARNING"), e.err());
        }
    }

    @Test
    void theCLibrarysExitIsFoundOnThisJdk() {
        // CI runs JDK 25 on Linux, where the lookup must succeed; on JDK 21 there is no final API to find it with
        assertEquals(Runtime.version().feature() >= 22, FastExit.underscoreExit() != null);
    }
}
