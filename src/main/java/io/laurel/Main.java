package io.laurel;

import java.io.PrintStream;

import io.laurel.identity.JsonWebKeys;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The service, or, with {@code export} or {@code import} as the first argument, the embedded store's export and
 * import, which run without starting the service (no port is opened, nothing but the store is touched); with
 * {@code jwks}, the token key set of PEM keys; with {@code train}, a short run that teaches a class cache
 * ({@link Training}). The store tool is looked up by name: the native build has no embedded store, and says so.
 */
@QuarkusMain
public final class Main {

    static final String TOOL = "io.laurel.store.StoreTool";

    private Main() {
    }

    public static void main(String... args) {
        switch (args.length > 0 ? args[0] : "") {
            case "export", "import" -> System.exit(tool(args, System.out, System.err));
            case "jwks" -> System.exit(JsonWebKeys.command(args, System.out, System.err));
            case "train" -> System.exit(Training.command(args));
            default -> Quarkus.run(args);
        }
    }

    static int tool(String[] args, PrintStream out, PrintStream err) {
        try {
            return (int) Class.forName(TOOL).getMethod("run", String[].class, PrintStream.class, PrintStream.class)
                    .invoke(null, args, out, err);
        } catch (ClassNotFoundException e) {
            err.println(args[0] + ": this build has no embedded store (the native image); run the JVM jar");
            return 2;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the store tool failed to start", e);
        }
    }
}
