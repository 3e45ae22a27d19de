package io.dbsync.emulator.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python the emulator "runs": not an interpreter, a recogniser for exactly the scripts that touch
 * mounts — the listing script of databricks-sync and the mount / read-source / unmount scripts of the
 * Terraform provider (storage/mounts.go). Anything else answers an error result, so a caller sending
 * code the emulator does not know fails loudly instead of getting a made-up answer.
 */
final class PythonScripts {
  private static final Pattern SAFE_MOUNT = Pattern.compile(
      "safe_mount\\(\"([^\"]*)\", \"([^\"]*)\", (\\{.*}), \"([^\"]*)\"\\)", Pattern.DOTALL);
  private static final Pattern SOURCE_OF = Pattern.compile(
      "if mount\\.mountPoint == \"([^\"]+)\":\\s*dbutils\\.notebook\\.exit\\(mount\\.source\\)");
  private static final Pattern UNMOUNT_POINT = Pattern.compile("mount_point = \"([^\"]+)\"");
  private static final Pattern SECRET_CALL = Pattern.compile("dbutils\\.secrets\\.get\\(\"([^\"]+)\", \"([^\"]+)\"\\)");
  private static final Pattern SPARK_CONF_CALL = Pattern.compile("spark\\.conf\\.get\\(\"([^\"]+)\"\\)");
  private static final Pattern SOURCE_URL = Pattern.compile("^(s3a|s3n|s3|adl|abfss|abfs|wasbs|wasb|gs)://[^\\s\"]+$");

  private final MountTable mounts;

  PythonScripts(MountTable mounts) {
    this.mounts = mounts;
  }

  /** The command's results object (text or error). */
  ObjectNode run(String code) {
    if (code.contains("dbutils.fs.mounts()") && code.contains("json.dumps") && !code.contains("safe_mount")) {
      return text(listing());
    }
    Matcher m = SAFE_MOUNT.matcher(code);
    if (m.find()) {
      return mount(m.group(1), m.group(2), m.group(3), m.group(4));
    }
    m = SOURCE_OF.matcher(code);
    if (m.find()) {
      MountTable.Mount found = mounts.get(m.group(1));
      return found == null ? error("Exception", "Mount not found") : text(found.source());
    }
    m = UNMOUNT_POINT.matcher(code);
    if (m.find() && code.contains("dbutils.fs.unmount(mount_point)")) {
      mounts.remove(m.group(1));
      return text("success");
    }
    return error("NotImplementedError", "the emulator does not run this code");
  }

  private String listing() {
    ArrayNode arr = Json.array();
    for (MountTable.Mount mt : mounts.all()) {
      arr.addObject().put("mountPoint", mt.mountPoint()).put("source", mt.source())
          .put("encryptionType", mt.encryptionType());
    }
    return arr.toString();
  }

  private ObjectNode mount(String point, String source, String configsLiteral, String encryption) {
    if (!point.startsWith("/mnt/") || point.length() <= "/mnt/".length()) {
      return error("IllegalArgumentException", "Mount point must start with /mnt/: " + point);
    }
    if (!SOURCE_URL.matcher(source).matches()) {
      return error("IllegalArgumentException", "Unsupported source URI: " + source);
    }
    String json = SECRET_CALL.matcher(configsLiteral).replaceAll("\"{{secrets/$1/$2}}\"");
    json = SPARK_CONF_CALL.matcher(json).replaceAll("\"{{sparkconf/$1}}\"");
    JsonNode parsed;
    try {
      parsed = Json.parse(json);
    } catch (RuntimeException e) {
      return error("SyntaxError", "invalid syntax in extra_configs");
    }
    if (!parsed.isObject()) {
      return error("TypeError", "extra_configs must be a dict");
    }
    Map<String, String> configs = new TreeMap<>();
    parsed.properties().forEach(e -> configs.put(e.getKey(), e.getValue().asText()));
    MountTable.Mount existing = mounts.get(point);
    if (existing != null) {
      if (existing.source().equals(source)) {
        return text("None"); // safe_mount returns None when the same source is already mounted there
      }
      return error("ExecutionError", "Directory already mounted: " + point);
    }
    mounts.put(new MountTable.Mount(point, source, encryption, configs));
    return text(source);
  }

  static ObjectNode text(String data) {
    return Json.object().put("resultType", "text").put("data", data);
  }

  static ObjectNode error(String exceptionClass, String message) {
    return Json.object().put("resultType", "error").put("summary", exceptionClass + ": " + message)
        .put("cause", "---------------------------------------------------------------------------\n"
            + exceptionClass + ": " + message);
  }
}
