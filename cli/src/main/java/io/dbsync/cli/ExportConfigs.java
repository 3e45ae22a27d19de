package io.dbsync.cli;

import io.dbsync.config.ConfigException;
import io.dbsync.config.ExportConfig;
import io.dbsync.kind.KindRegistry;

import java.nio.file.Files;
import java.nio.file.Path;

/** The export configuration a command names with -c: a missing or malformed file is bad input (exit 2). */
final class ExportConfigs {
  private ExportConfigs() {}

  static ExportConfig load(Path configPath) {
    if (!Files.isRegularFile(configPath)) {
      throw new UserErrors.BadInput("config file not found: " + configPath);
    }
    try {
      return ExportConfig.load(configPath, KindRegistry.standard().configKeys());
    } catch (ConfigException e) {
      throw new UserErrors.BadInput(configPath + ": " + e.getMessage(), e);
    }
  }
}
