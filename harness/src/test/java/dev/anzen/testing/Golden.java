package dev.anzen.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions: the output must equal {@code src/test/resources/golden/NAME} byte for byte. After a
 * deliberate format change, regenerate with {@code ./mvnw test -Danzen.golden.update=true} and review the diff.
 */
public final class Golden {
    private Golden() {
    }

    public static void assertMatches(String name, String actual) {
        String resource = "/golden/" + name;
        if (Boolean.getBoolean("anzen.golden.update")) {
            try {
                Path f = Path.of("src/test/resources/golden").resolve(name);
                Files.createDirectories(f.getParent());
                Files.writeString(f, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                fail("cannot update golden file " + name + ": " + e);
            }
            return;
        }
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                fail("missing golden file src/test/resources" + resource + " (run with -Danzen.golden.update=true "
                        + "to create it, then review it)");
            }
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual,
                    "output differs from golden file " + resource);
        } catch (IOException e) {
            fail("cannot read golden file " + resource + ": " + e);
        }
    }
}
