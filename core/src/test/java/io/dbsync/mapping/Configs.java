package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.tf.config.ConfigReader;
import io.dbsync.tf.config.DesiredConfig;
import io.dbsync.tf.config.DesiredResource;

import java.nio.file.Files;
import java.nio.file.Path;

/** Configurations for the translation tests: Terraform JSON documents read as an import reads them. */
final class Configs {
  private Configs() {}

  /** Writes each document as exports/res/fN.tf.json under {@code dir} and reads the tree. */
  static DesiredConfig read(Path dir, String... documents) throws Exception {
    Path exports = dir.resolve("exports");
    Files.createDirectories(exports.resolve("res"));
    for (int i = 0; i < documents.length; i++) {
      Files.writeString(exports.resolve("res").resolve("f" + i + ".tf.json"), documents[i]);
    }
    return ConfigReader.read(exports);
  }

  static JsonNode attrs(DesiredConfig c, String address) {
    return c.resources().stream().filter(r -> r.address().equals(address)).findFirst()
        .map(DesiredResource::attrs).orElse(null);
  }

  static boolean has(DesiredConfig c, String address) {
    return attrs(c, address) != null;
  }
}
