package io.laurel.store;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * {@code java -jar quarkus-run.jar export --out DIR} and {@code import --from DIR}: the embedded store's data
 * directory ({@code --data-dir}, else {@code LAUREL_DATA_DIR}, else {@code ./data}) or any MongoDB ({@code --uri})
 * to the files {@link StoreTransfer} writes, and back. The service must be stopped: its store holds the file.
 */
public final class StoreTool {

    public static final Set<String> COMMANDS = Set.of("export", "import");
    static final String DATABASE = "laurel";

    private StoreTool() {
    }

    /** Runs one command; answers the process exit code (0 done, 1 failed, 2 wrong use). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "" : args[0];
        String dir = option(args, command.equals("export") ? "--out" : "--from");
        String uri = option(args, "--uri");
        String dataDir = option(args, "--data-dir");
        if (dataDir == null) {
            dataDir = System.getenv().getOrDefault("LAUREL_DATA_DIR", "./data");
        }
        String database = option(args, "--database");
        if (!COMMANDS.contains(command) || dir == null) {
            err.println("Usage: export --out DIR | import --from DIR  [--data-dir DIR | --uri mongodb://…] "
                    + "[--database laurel]");
            return 2;
        }
        Path files = Path.of(dir);
        if (command.equals("import") && !Files.isDirectory(files)) {
            err.println("No export in " + files);
            return 1;
        }
        try (EmbeddedStore store = uri == null ? EmbeddedStore.open(Path.of(dataDir), 0) : null;
                MongoClient client = MongoClients.create(uri != null ? uri : store.connectionString())) {
            var db = client.getDatabase(database == null ? DATABASE : database);
            Map<String, Long> counts = command.equals("export") ? StoreTransfer.export(db, files)
                    : StoreTransfer.importInto(db, files);
            counts.forEach((name, count) -> out.printf("%s %s: %d documents%n", command.equals("export")
                    ? "exported" : "imported", name, count));
            out.printf("%s %d collections %s %s%n", command.equals("export") ? "Exported" : "Imported", counts.size(),
                    command.equals("export") ? "to" : "from", files.toAbsolutePath());
            return 0;
        } catch (RuntimeException e) {
            err.println(command + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static String option(String[] args, String name) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }
}
