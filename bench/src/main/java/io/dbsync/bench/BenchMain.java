package io.dbsync.bench;

import io.dbsync.client.RateLimits;
import io.dbsync.kind.KindRegistry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark runner (run on demand; see docs/benchmarks.md):
 * {@code java -cp ... io.dbsync.bench.BenchMain [fast|realistic|sweep|all|dr|hive|paced] [--scale F] [--no-pacing] [--out FILE] [--verbose]}
 * ({@code --no-pacing}: the tool's clients do not pace themselves, for a before/after comparison).
 * Prints markdown tables of wall time and API calls per phase and writes them to FILE
 * (default bench-results.md).
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    // the SDK logs every client's auth at INFO: one line per phase would drown the progress lines
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    String scenarioName = "fast";
    double scale = 1.0;
    Path out = Path.of("bench-results.md");
    boolean verbose = false;
    boolean noPacing = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = Double.parseDouble(value(args, ++i, "--scale"));
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "-v", "--verbose" -> verbose = true;
        case "--no-pacing" -> noPacing = true;
        case "-h", "--help" -> {
          System.out.println(usage());
          return;
        }
        default -> {
          if (args[i].startsWith("-")) {
            fail("unknown option " + args[i]);
          }
          scenarioName = args[i];
        }
      }
    }
    if (scale <= 0) {
      fail("--scale must be positive");
    }
    List<Scenario> scenarios;
    try {
      scenarios = Scenario.named(scenarioName, scale);
      if (noPacing) {
        scenarios = scenarios.stream().map(sc -> sc.withClientLimits(RateLimits.off())).toList();
      }
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
      return;
    }
    List<BenchRun.Result> results = new ArrayList<>();
    for (Scenario s : scenarios) {
      results.add(new BenchRun(s, s.workload(), KindRegistry.standard(), System.err, verbose).run());
    }
    String command = "BenchMain " + String.join(" ", args);
    String md = MarkdownReport.render(machine(), command.strip(), results);
    System.out.print(md);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, md, StandardCharsets.UTF_8);
    System.err.println("results written to " + out);
  }

  static String machine() {
    Runtime rt = Runtime.getRuntime();
    return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", " + rt.availableProcessors()
        + " CPUs, max heap " + rt.maxMemory() / (1024 * 1024) + " MiB, Java " + System.getProperty("java.version")
        + " (" + System.getProperty("java.vm.name") + ")";
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      fail(option + " needs a value");
    }
    return args[i];
  }

  private static String usage() {
    return "usage: BenchMain [" + String.join("|", Scenario.names()) + "] [--scale F] [--no-pacing] [--out FILE] [--verbose]";
  }

  private static void fail(String message) {
    System.err.println(message);
    System.err.println(usage());
    System.exit(2);
  }
}
