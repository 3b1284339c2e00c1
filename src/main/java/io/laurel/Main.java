package io.laurel;

import io.laurel.store.StoreTool;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The service, or, with {@code export} or {@code import} as the first argument, the store's export and import, which
 * run without starting the service (no port is opened, nothing but the store is touched).
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        if (args.length > 0 && StoreTool.COMMANDS.contains(args[0])) {
            System.exit(StoreTool.run(args, System.out, System.err));
        }
        Quarkus.run(args);
    }
}
