package dev.sessionauth.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The packages form layers, and every dependency between two of them points down: a request's path reads from the
 * gate at the top to the configuration at the bottom. The rule is checked on the compiled classes, so it sees every
 * use of a type (fields, calls, annotations, generics), not only import lines.
 */
class LayeringTest {

    private static final String ROOT = "dev.sessionauth";

    /**
     * Top to bottom. A package may use those below it; packages on the same row may not use each other. Described
     * in application-docs/architecture.md.
     */
    static final List<List<String>> LAYERS = List.of(
            List.of("gate", "web"),
            List.of("api"),
            List.of("status"),
            List.of("user", "group"),
            List.of("token"),
            List.of("session"),
            List.of("security"),
            List.of("account"),
            List.of("store"),
            List.of("contract"),
            List.of("config"));

    /** Stands apart: the embedded PostgreSQL of dev mode and tests, used by nothing above through code. */
    private static final String APART = "devdb";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT, "db.migration");
    }

    @Test
    void everyPackageOfTheServiceHasALayer() {
        TreeSet<String> unplaced = new TreeSet<>();
        for (JavaClass javaClass : classes) {
            Optional<String> name = packageOf(javaClass);
            if (name.isPresent() && !name.get().equals(APART) && layerOf(name.get()) < 0) {
                unplaced.add(name.get());
            }
        }
        assertTrue(unplaced.isEmpty(), "packages with no layer in LAYERS: " + unplaced);
    }

    @Test
    void everyDependencyPointsDown() {
        TreeSet<String> upward = new TreeSet<>();
        for (JavaClass javaClass : classes) {
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                if (!allowed(javaClass, dependency.getTargetClass())) {
                    upward.add(javaClass.getName() + " -> " + dependency.getTargetClass().getName());
                }
            }
        }
        assertEquals(new TreeSet<>(), upward, "dependencies that point up or sideways");
    }

    @Test
    void theRuleSeesAnUpwardDependency() {
        JavaClass security = classes.get("dev.sessionauth.security.CredentialVerifier");
        JavaClass session = classes.get("dev.sessionauth.session.SessionService");
        assertTrue(allowed(session, security), "session may use security");
        assertTrue(!allowed(security, session), "security may not use session");
    }

    private static boolean allowed(JavaClass from, JavaClass to) {
        Optional<String> source = packageOf(from);
        Optional<String> target = packageOf(to);
        if (target.isEmpty() || source.equals(target)) {
            return true;
        }
        if (from.getPackageName().equals("db.migration")) {
            return layerOf(target.get()) >= layerOf("account");
        }
        if (source.isEmpty() || source.get().equals(APART) || target.get().equals(APART)) {
            return false;
        }
        return layerOf(target.get()) > layerOf(source.get());
    }

    /** The first package under dev.sessionauth, or empty for a class outside the service's packages. */
    private static Optional<String> packageOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = name.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private static int layerOf(String name) {
        for (int layer = 0; layer < LAYERS.size(); layer++) {
            if (LAYERS.get(layer).contains(name)) {
                return layer;
            }
        }
        return -1;
    }
}
