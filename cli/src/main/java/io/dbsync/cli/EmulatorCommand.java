package io.dbsync.cli;

import io.dbsync.emulator.Cloud;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.EmulatorOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "emulator", description = "Runs the built-in Databricks workspace emulator on loopback until interrupted.")
final class EmulatorCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8765", description = "Port on 127.0.0.1 (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--seed", paramLabel = "FILE", description = "Seed fixture (JSON or YAML) to load at start.")
  Path seed;

  @Option(names = "--token", description = "Only accept this bearer token (default: any non-empty token).")
  String token;

  @Option(names = "--latency-ms", defaultValue = "0", description = "Latency added to every request.")
  long latencyMs;

  @Option(names = "--rate-limit", paramLabel = "KEY=RPS", description = "Requests per second per API family (429 + Retry-After past it): FAMILY, FAMILY:read, FAMILY:write or '*' (docs/emulator-rate-limits.md).")
  Map<String, Double> rateLimits;

  @Option(names = "--rate-limits", paramLabel = "PRESET", description = "A rate-limit preset: 'published' (the limits Databricks publishes; --rate-limit overrides single keys).")
  String rateLimitPreset;

  @Option(names = "--cloud", defaultValue = "aws", description = "Cloud to emulate: aws, azure or gcp (node types, cluster attribute blocks, instance profiles). Default: ${DEFAULT-VALUE}.")
  String cloud;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    EmulatorOptions options = new EmulatorOptions();
    options.token = token;
    options.latencyMillis = latencyMs;
    try {
      options.cloud = Cloud.parse(cloud);
    } catch (IllegalArgumentException e) {
      throw new UserErrors.BadInput("--cloud: " + e.getMessage());
    }
    if (rateLimitPreset != null) {
      if (!rateLimitPreset.equals("published")) {
        throw new UserErrors.BadInput("--rate-limits: unknown preset '" + rateLimitPreset + "' (expected published)");
      }
      options.rateLimits.putAll(EmulatorOptions.publishedRateLimits());
    }
    if (rateLimits != null) {
      options.rateLimits.putAll(rateLimits);
    }
    if (seed != null && !Files.isRegularFile(seed)) {
      throw new UserErrors.BadInput("seed file not found: " + seed);
    }
    Emulator emulator = new Emulator(options);
    if (seed != null) {
      emulator.seed(seed);
    }
    emulator.start(port);
    spec.commandLine().getOut().println("Databricks workspace emulator listening on " + emulator.url()
        + " (" + options.cloud.displayName + (token == null ? ", any token accepted" : "") + ")");
    spec.commandLine().getOut().flush();
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
    Thread.currentThread().join();
    return 0;
  }
}
