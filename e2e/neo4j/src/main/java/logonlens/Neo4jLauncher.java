package logonlens;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Neo4j Community, in-process, for LogonLens's Neo4j tests: Bolt on 127.0.0.1 only (the same port
 * accepts WebSocket, which the browser driver uses), authentication on, user {@code neo4j} with the
 * given password. Prints {@code NEO4J READY bolt://127.0.0.1:PORT} once it accepts connections.
 *
 * <pre>
 * java -cp target/classes:$(cat target/classpath.txt) logonlens.Neo4jLauncher
 *      [--port N (0 = any free port)] [--password P] [--home DIR (kept; default a temp dir, deleted)]
 *      [--exit-on-stdin-close]
 * </pre>
 */
public final class Neo4jLauncher {
    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // Neo4j's own threads would keep a failed JVM alive: exit, so the caller sees the failure at once.
            e.printStackTrace();
            System.out.println("NEO4J FAILED " + e);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int port = 0;
        String password = "logonlens-test";
        Path home = null;
        boolean watchStdin = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--password" -> password = args[++i];
                case "--home" -> home = Path.of(args[++i]).toAbsolutePath();
                case "--exit-on-stdin-close" -> watchStdin = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (password.length() < 8) {
            // Neo4j's minimum; a shorter one would be silently refused and the tests could not log in.
            throw new IllegalArgumentException("the password must have at least 8 characters");
        }
        boolean temporary = home == null;
        Path dir = temporary ? Files.createTempDirectory("logonlens-neo4j-") : home;

        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // Never phone home: this machine reaches no outside host, and tests must not try.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                // Test databases are small and thrown away: no 250 MB preallocated logs, modest cache.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(512))
                .build();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            if (temporary) deleteTree(dir);
        }, "logonlens-neo4j-shutdown"));

        // Embedded calls run without authentication, so this is how the initial password is set.
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            // A kept home opened again already has this password; Neo4j refuses to "change" it to itself.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) throw e;
        }

        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        var bolt = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        System.out.printf("NEO4J READY bolt://127.0.0.1:%d (%d ms, home %s)%n",
                bolt.getPort(), (System.nanoTime() - started) / 1_000_000, dir);
        System.out.flush();

        if (watchStdin) {
            // The parent process holds our stdin: when it goes away (even killed), we stop too.
            Thread watcher = new Thread(() -> {
                try (InputStream in = System.in) {
                    while (in.read() >= 0) { /* ignore input */ }
                } catch (IOException ignored) {
                    // a broken pipe means the same as end of input
                }
                System.exit(0);
            }, "logonlens-neo4j-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }
        Thread.currentThread().join(); // SIGTERM/SIGINT run the shutdown hook
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
