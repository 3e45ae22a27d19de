package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The cloud-path rules Unity Catalog enforces: external locations may not overlap each other; an
 * external table or volume, or a catalog/schema managed storage root, must lie inside an external
 * location; external tables and volumes may not overlap each other. Paths compare after trailing
 * slashes are dropped, and "inside" means at a path-segment boundary (s3://b/ab is not inside s3://b/a).
 * The messages are the emulator's (the real ones were not available); the code is INVALID_PARAMETER_VALUE.
 */
final class StoragePaths {
  private static final Pattern URL = Pattern.compile("(s3|s3a|abfss|gs|r2)://[^/\\s]+(/\\S*)?");

  private StoragePaths() {}

  static String normalize(String url) {
    String u = url.strip();
    while (u.endsWith("/") && !u.endsWith("://")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  static String requireCloudUrl(String url, String field) {
    if (url == null || url.isBlank()) {
      throw UcErrors.missing(field);
    }
    if (!URL.matcher(url.strip()).matches()) {
      throw UcErrors.invalid("Invalid " + field + " '" + url + "': expected a cloud storage URL (s3://, abfss://, gs://, r2://)");
    }
    return url.strip();
  }

  static boolean under(String child, String parent) {
    String c = normalize(child);
    String p = normalize(parent);
    return c.equals(p) || c.startsWith(p + "/");
  }

  static boolean overlap(String a, String b) {
    return under(a, b) || under(b, a);
  }

  /** Rejects a location URL overlapping another external location (other than the one being updated). */
  static void requireNoLocationOverlap(UcMetastore store, String url, String exceptName) {
    for (ObjectNode loc : store.all(UcType.EXTERNAL_LOCATION)) {
      if (!loc.get("name").asText().equals(exceptName) && overlap(url, loc.get("url").asText())) {
        throw UcErrors.invalid("Input path url '" + url + "' overlaps with an existing external location '"
            + loc.get("name").asText() + "' (" + loc.get("url").asText() + ").");
      }
    }
  }

  /** The external location a path lies in; a path outside every location is rejected. */
  static ObjectNode requireCovered(UcMetastore store, String url) {
    for (ObjectNode loc : store.all(UcType.EXTERNAL_LOCATION)) {
      if (under(url, loc.get("url").asText())) {
        return loc;
      }
    }
    throw UcErrors.invalid("Path '" + url + "' is not contained in any external location of this metastore.");
  }

  /** Rejects an external table/volume path overlapping another table's or volume's storage. */
  static void requireNoDataOverlap(UcMetastore store, String url, String exceptFullName) {
    for (UcType t : List.of(UcType.TABLE, UcType.VOLUME)) {
      for (ObjectNode o : store.all(t)) {
        String loc = Json.text(o, "storage_location");
        if (loc != null && !o.get("full_name").asText().equals(exceptFullName) && overlap(url, loc)) {
          throw UcErrors.invalid("Input path url '" + url + "' overlaps with the storage of "
              + t.noun.toLowerCase(java.util.Locale.ROOT) + " '" + o.get("full_name").asText() + "'.");
        }
      }
    }
  }

  /** Names of the tables, volumes and managed roots stored under a location (they keep it in use). */
  static List<String> dependents(UcMetastore store, String locationUrl) {
    List<String> out = new java.util.ArrayList<>();
    for (UcType t : List.of(UcType.CATALOG, UcType.SCHEMA, UcType.TABLE, UcType.VOLUME)) {
      for (ObjectNode o : store.all(t)) {
        String path = t == UcType.CATALOG || t == UcType.SCHEMA ? Json.text(o, "storage_root") : externalPath(o);
        if (path != null && under(path, locationUrl)) {
          out.add(t.pathName + " " + o.get("full_name").asText());
        }
      }
    }
    return out;
  }

  private static String externalPath(ObjectNode o) {
    String type = Json.text(o, o.has("volume_type") ? "volume_type" : "table_type");
    return "EXTERNAL".equals(type) ? Json.text(o, "storage_location") : null;
  }
}
