package io.dbsync.state.backend;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * Finds and runs the storage servers .ci/services/install.sh puts under .ci-work/. A missing
 * server disables (skips) the tests on a developer machine but fails them when CI=true, so CI
 * cannot pass without having run them.
 */
final class TestServers {
  private TestServers() {}

  /** The repository root: the nearest ancestor of the working directory with .ci/ and mvnw. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(".ci")) && Files.exists(p.resolve("mvnw"))) {
        return p;
      }
    }
    return dir;
  }

  /** The first existing candidate. */
  static Optional<Path> locate(List<Path> candidates) {
    return candidates.stream().filter(c -> c != null && Files.isRegularFile(c)).findFirst();
  }

  static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  static String notInstalled(String what, List<Path> candidates) {
    return what + " is not installed (looked at " + candidates + "): run .ci/services/install.sh";
  }

  /**
   * Disables a test class whose server is missing, on a developer machine only: under CI=true
   * the class runs and {@link #require} fails it.
   */
  static ConditionEvaluationResult enabledIfInstalled(String what, List<Path> candidates) {
    if (locate(candidates).isPresent()) {
      return ConditionEvaluationResult.enabled(what + " is installed");
    }
    if (onCi()) {
      return ConditionEvaluationResult.enabled("CI=true: a missing " + what + " must fail");
    }
    return ConditionEvaluationResult.disabled(notInstalled(what, candidates));
  }

  /** The first existing candidate, or a failure naming the install script. */
  static Path require(String what, List<Path> candidates) {
    return locate(candidates).orElseGet(() -> fail(notInstalled(what, candidates)
        + (onCi() ? " (CI=true, so this is a failure, not a skip)" : "")));
  }

  static Optional<Path> fromEnv(String variable) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }

  static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, program))
        .filter(Files::isExecutable).findFirst();
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp dir is harmless.
    }
  }

  /** A server process on a loopback port, stopped (forcibly if need be) on close. */
  static final class ServerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Thread hook;

    private ServerProcess(String name, Process process, int port, Path log) {
      this.name = name;
      this.process = process;
      this.port = port;
      this.log = log;
      this.hook = new Thread(process::destroyForcibly, name + "-stopper");
      Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts {@code command(port)} on a free port and waits until it accepts connections. A
     * port taken between our probe and the server's bind is retried on another.
     */
    static ServerProcess start(String name, IntFunction<ProcessBuilder> command, Path log,
        long timeoutMillis) throws IOException, InterruptedException {
      String lastLog = "";
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        ProcessBuilder builder = command.apply(port).redirectErrorStream(true)
            .redirectOutput(log.toFile());
        Process process = builder.start();
        ServerProcess server = new ServerProcess(name, process, port, log);
        if (server.awaitListening(timeoutMillis)) {
          return server;
        }
        lastLog = server.logTail();
        server.close();
      }
      throw new IOException(name + " did not start; last log lines:\n" + lastLog);
    }

    int port() {
      return port;
    }

    private boolean awaitListening(long timeoutMillis) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeoutMillis;
      while (System.currentTimeMillis() < deadline) {
        if (!process.isAlive()) {
          return false;
        }
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return true;
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      return false;
    }

    String logTail() {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      // Azurite reports "closed" on SIGTERM but may keep running; do not wait on it for long.
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to; nothing more to do.
      }
    }

    @Override
    public String toString() {
      return name + " on 127.0.0.1:" + port;
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        return socket.getLocalPort();
      }
    }
  }
}
