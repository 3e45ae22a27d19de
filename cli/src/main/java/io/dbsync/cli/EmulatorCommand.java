package io.dbsync.cli;

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

  @Option(names = "--rate-limit", paramLabel = "FAMILY=RPS", description = "Requests per second per API family (429 + Retry-After past it); '*' for all.")
  Map<String, Double> rateLimits;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    EmulatorOptions options = new EmulatorOptions();
    options.token = token;
    options.latencyMillis = latencyMs;
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
        + (token == null ? " (any token accepted)" : ""));
    spec.commandLine().getOut().flush();
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
    Thread.currentThread().join();
    return 0;
  }
}
