// Starts an embedded Neo4j 5.26 community DBMS for Pattern Atlas's tests and local development:
// Bolt on 127.0.0.1 with authentication on and a known password, one READY line on stdout.
package atlas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Usage: {@code java -jar neo4j-launcher.jar [--port N] [--data DIR] [--password PW] [--config KEY=VALUE]...
 * [--exit-on-stdin-close]}. Environment: NEO4J_PORT, NEO4J_DATA_DIR, NEO4J_PASSWORD (arguments win).
 * Port 0 picks a free port; the READY line names the real one. Without --data a temporary folder is
 * used and deleted at exit. Each --config sets one neo4j.conf setting (e.g.
 * {@code db.memory.transaction.total.max=20m}); Neo4j rejects an unknown key or a bad value. The page
 * cache is 128 MB unless --config sets {@code server.memory.pagecache.size}.
 */
public final class Neo4jLauncher {
  static final String USER = "neo4j";
  static final String DEFAULT_PASSWORD = "atlas-test-password";
  static final int DEFAULT_PORT = 7687;
  static final String PAGE_CACHE_SETTING = "server.memory.pagecache.size";

  private Neo4jLauncher() {}

  public static void main(String[] args) throws Exception {
    int port = parsePort(envOr("NEO4J_PORT", String.valueOf(DEFAULT_PORT)));
    String dataArg = System.getenv("NEO4J_DATA_DIR");
    String password = envOr("NEO4J_PASSWORD", DEFAULT_PASSWORD);
    boolean exitOnStdinClose = false;
    StringBuilder settings = new StringBuilder();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = parsePort(value(args, ++i, "--port"));
        case "--data" -> dataArg = value(args, ++i, "--data");
        case "--password" -> password = value(args, ++i, "--password");
        case "--config" -> settings.append(setting(value(args, ++i, "--config"))).append('\n');
        case "--exit-on-stdin-close" -> exitOnStdinClose = true;
        default -> fail("unknown argument '" + args[i] + "'. Allowed: --port N, --data DIR, --password PW, --config KEY=VALUE, --exit-on-stdin-close");
      }
    }
    if (password.length() < 8) fail("the password must have at least 8 characters (Neo4j's minimum)");

    boolean temporary = dataArg == null || dataArg.isBlank();
    Path home = temporary ? Files.createTempDirectory("pattern-atlas-neo4j-") : Path.of(dataArg).toAbsolutePath();
    Files.createDirectories(home);

    long started = System.nanoTime();
    AtomicReference<DatabaseManagementService> running = new AtomicReference<>();
    AtomicBoolean stopped = new AtomicBoolean(false);
    CountDownLatch done = new CountDownLatch(1);
    Runnable stop = () -> {
      if (!stopped.compareAndSet(false, true)) return;
      DatabaseManagementService service = running.get();
      if (service != null) {
        System.err.println("[neo4j] shutting down");
        long t = System.nanoTime();
        try {
          service.shutdown();
        } catch (RuntimeException e) {
          System.err.println("[neo4j] shutdown failed: " + rootMessage(e));
        }
        System.err.println("[neo4j] stopped in " + (System.nanoTime() - t) / 1_000_000 + " ms");
      }
      deleteQuietly(home, temporary);
      done.countDown();
    };
    // SIGTERM and SIGINT run shutdown hooks: the store files are closed cleanly. Registered before
    // the start, so a signal during the start still removes a temporary folder.
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-shutdown"));
    if (exitOnStdinClose) watchStdin();

    try {
      DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
      if (!settings.isEmpty()) {
        Path conf = home.resolve("launcher-settings.conf");
        Files.writeString(conf, settings);
        builder.loadPropertiesFromFile(conf);
      }
      // Modest memory: the machine is shared and the test libraries are a few thousand nodes. A
      // page cache given with --config is kept (setConfig would override it): a hundred times the
      // library writes a store of gigabytes, whose index updates thrash a 128 MB cache.
      if (!settings.toString().contains(PAGE_CACHE_SETTING + "=")) {
        builder.setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128));
      }
      running.set(builder
          .setConfig(GraphDatabaseSettings.auth_enabled, true)
          .setConfig(BoltConnector.enabled, true)
          .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
          .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
          // Transaction timeouts are checked every 2 s by default; 100 ms stops a query past its
          // budget promptly (the tests of NEO4J_QUERY_TIMEOUT_MS use budgets well under a second).
          .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
          // Netty's default graceful Bolt shutdown idles ~10 s; a test database has nothing to drain.
          .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
          .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
          .build());
    } catch (RuntimeException e) {
      fail("Neo4j did not start: " + rootMessage(e) + " (is port " + port + " already in use?)");
      return;
    }
    DatabaseManagementService dbms = running.get();

    try {
      setPassword(dbms, password);
    } catch (RuntimeException e) {
      fail("could not set the password of user '" + USER + "': " + rootMessage(e));
    }

    int boltPort = boundBoltPort(dbms, port);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.err.println("[neo4j] Neo4j " + org.neo4j.kernel.internal.Version.getNeo4jVersion() + " started in " + millis
        + " ms; data in " + home + (temporary ? " (temporary)" : "") + "; user " + USER);
    System.out.println("NEO4J READY bolt://127.0.0.1:" + boltPort);
    System.out.flush();
    done.await();
  }

  /** The parent (e.g. vitest's globalSetup) holds our stdin: when it closes or dies, we stop too. */
  static void watchStdin() {
    Thread watcher = new Thread(() -> {
      try (InputStream in = System.in) {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
          // Input is ignored; only end-of-file matters.
        }
      } catch (IOException ignored) {
        // A broken stdin means the parent is gone, exactly like end-of-file.
      }
      System.err.println("[neo4j] stdin closed");
      System.exit(0); // runs the shutdown hook
    }, "stdin-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** Sets the password and clears the must-change flag; a restart on the same data keeps working. */
  static void setPassword(DatabaseManagementService dbms, String password) {
    GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    try {
      system.executeTransactionally(
          "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    } catch (RuntimeException e) {
      // A data folder reused with the same password: Neo4j refuses to "change" it to itself.
      if (!rootMessage(e).contains("Old password and new password cannot be the same")) throw e;
    }
  }

  static int boundBoltPort(DatabaseManagementService dbms, int requested) {
    GraphDatabaseAPI api = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    var address = api.getDependencyResolver()
        .resolveDependency(ConnectorPortRegister.class)
        .getLocalAddress(ConnectorType.BOLT);
    return address != null ? address.getPort() : requested;
  }

  /** One `--config` value as a neo4j.conf line: KEY=VALUE with a dotted lowercase key. */
  static String setting(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0 || !text.substring(0, eq).trim().matches("[a-z0-9_.]+") || text.contains("\n")) {
      fail("invalid --config '" + text + "'. Expected KEY=VALUE, e.g. db.memory.transaction.total.max=20m");
    }
    return text.substring(0, eq).trim() + "=" + text.substring(eq + 1).trim();
  }

  static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 0 && port <= 65535) return port;
    } catch (NumberFormatException ignored) {
      // fall through to the message below
    }
    fail("invalid port '" + text + "'. Allowed: 0 (any free port) to 65535");
    return -1;
  }

  static String value(String[] args, int index, String name) {
    if (index >= args.length) fail(name + " needs a value");
    return args[index];
  }

  static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  static void deleteQuietly(Path dir, boolean temporary) {
    if (!temporary) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temp folder is harmless.
    }
  }

  static void fail(String message) {
    System.err.println("[neo4j] ERROR: " + message);
    System.exit(2);
  }
}
