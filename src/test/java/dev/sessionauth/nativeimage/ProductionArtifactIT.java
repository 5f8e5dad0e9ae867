package dev.sessionauth.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

/**
 * The packaged build leaves out io.zonky's embedded PostgreSQL (it is for dev mode and tests), so no class in it may
 * refer to io.zonky: a native image refuses to link such a class, and the JVM would fail on it the moment it loaded.
 * Runs after {@code package}, on what was packaged.
 */
class ProductionArtifactIT {

    /** How a class file names a type of that package, in its constant pool. */
    private static final String ZONKY = "io/zonky/";

    @Test
    void shouldPackageNoClassThatRefersToTheEmbeddedPostgresql() throws IOException {
        Path app = Path.of(System.getProperty("quarkus-app.jar", "target/quarkus-app/quarkus-run.jar")).getParent();
        assertTrue(Files.isDirectory(app), app + " is missing: this test runs after `package`");
        List<String> referring = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.walk(app)) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).toList()) {
                classes += scan(jar, referring);
            }
        }
        assertTrue(classes > 1000, "scanned the packaged classes: " + classes);
        assertEquals(List.of(), referring, "packaged classes that refer to io.zonky");
    }

    /** Adds each class of the jar that refers to io.zonky; answers how many classes it holds. */
    private static int scan(Path jar, List<String> referring) {
        int classes = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().endsWith(".class")) {
                    classes++;
                    // Read as ISO-8859-1: one character per byte, so the ASCII name is found wherever it is.
                    if (new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1).contains(ZONKY)) {
                        referring.add(jar.getFileName() + "!/" + entry.getName());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + jar, e);
        }
        return classes;
    }
}
