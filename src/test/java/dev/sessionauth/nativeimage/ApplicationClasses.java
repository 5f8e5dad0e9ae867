package dev.sessionauth.nativeimage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.sessionauth.contract.ErrorResponse;

/** The application's own classes (target/classes), as the native build sees them: every one of them. */
final class ApplicationClasses {

    private ApplicationClasses() {
    }

    /**
     * Loads every class compiled from src/main/java. With {@code initialise}, their static initialisers run, as they do
     * while Quarkus builds a native image (it initialises application classes at build time).
     */
    static List<Class<?>> all(boolean initialise) {
        Path root = root();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString())
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .<Class<?>> map(name -> load(name, initialise))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        try {
            return Path.of(ErrorResponse.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name, boolean initialise) {
        try {
            return Class.forName(name, initialise, ApplicationClasses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
