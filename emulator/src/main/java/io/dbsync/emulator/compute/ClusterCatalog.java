package io.dbsync.emulator.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Cloud;
import io.dbsync.emulator.Json;

/**
 * The read-only catalogs of a workspace: node types (per cloud, {@link NodeTypeCatalog}), runtime
 * versions (the same on every cloud) and zones. Values mirror real responses.
 */
final class ClusterCatalog {
  private ClusterCatalog() {}

  private static final String[][] SPARK_VERSIONS = {
      {"17.3.x-scala2.13", "17.3 LTS (includes Apache Spark 4.0.0, Scala 2.13)"},
      {"16.4.x-scala2.12", "16.4 LTS (includes Apache Spark 3.5.2, Scala 2.12)"},
      {"16.4.x-cpu-ml-scala2.12", "16.4 LTS ML (includes Apache Spark 3.5.2, Scala 2.12)"},
      {"15.4.x-scala2.12", "15.4 LTS (includes Apache Spark 3.5.0, Scala 2.12)"},
      {"15.4.x-cpu-ml-scala2.12", "15.4 LTS ML (includes Apache Spark 3.5.0, Scala 2.12)"},
      {"15.4.x-gpu-ml-scala2.12", "15.4 LTS ML (includes Apache Spark 3.5.0, GPU, Scala 2.12)"},
      {"14.3.x-scala2.12", "14.3 LTS (includes Apache Spark 3.5.0, Scala 2.12)"},
      {"13.3.x-scala2.12", "13.3 LTS (includes Apache Spark 3.4.1, Scala 2.12)"},
  };

  private static final String[] AWS_ZONES = {"us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"};
  /** GCP zone ids as gcp_attributes.zone_id takes them. */
  private static final String[] GCP_ZONES = {"us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f"};
  /** Azure availability zones are numbered per region (unverified what list-zones answers on Azure). */
  private static final String[] AZURE_ZONES = {"1", "2", "3"};

  static ObjectNode nodeTypes(Cloud cloud) {
    ObjectNode out = Json.object();
    ArrayNode arr = out.putArray("node_types");
    int order = 0;
    for (NodeTypeCatalog.NodeType t : NodeTypeCatalog.of(cloud)) {
      ObjectNode n = arr.addObject();
      n.put("node_type_id", t.id());
      n.put("memory_mb", t.memoryMb());
      n.put("num_cores", t.cores());
      n.put("num_gpus", t.gpus());
      n.put("description", t.id());
      n.put("instance_type_id", t.id());
      n.put("category", t.category());
      n.put("is_deprecated", false);
      n.put("is_hidden", false);
      n.put("support_ebs_volumes", cloud == Cloud.AWS);
      n.put("support_cluster_tags", true);
      n.put("support_port_forwarding", true);
      n.put("is_io_cache_enabled", ioCache(cloud, t));
      if (cloud == Cloud.AWS) {
        n.put("is_graviton", t.id().matches("[a-z]+\\dg[a-z]*\\..*"));
      }
      n.put("photon_driver_capable", t.photon());
      n.put("photon_worker_capable", t.photon());
      n.put("display_order", order++);
      ObjectNode inst = n.putObject("node_instance_type");
      inst.put("instance_type_id", t.id());
      inst.put("local_disks", t.localDisks());
      inst.put("local_disk_size_gb", t.localDiskGb());
    }
    return out;
  }

  /** Delta cache needs fast local disks: AWS i3/r5d as before; elsewhere storage and memory types with local disks. */
  private static boolean ioCache(Cloud cloud, NodeTypeCatalog.NodeType t) {
    if (cloud == Cloud.AWS) {
      return t.id().startsWith("i3") || t.id().startsWith("r5d");
    }
    return t.localDisks() > 0 && (t.category().startsWith("Storage") || t.category().startsWith("Memory"));
  }

  static ObjectNode sparkVersions() {
    ObjectNode out = Json.object();
    ArrayNode arr = out.putArray("versions");
    for (String[] v : SPARK_VERSIONS) {
      arr.addObject().put("key", v[0]).put("name", v[1]);
    }
    return out;
  }

  static ObjectNode zones(Cloud cloud) {
    String[] zones = switch (cloud) {
      case AWS -> AWS_ZONES;
      case AZURE -> AZURE_ZONES;
      case GCP -> GCP_ZONES;
    };
    ObjectNode out = Json.object();
    ArrayNode arr = out.putArray("zones");
    for (String z : zones) {
      arr.add(z);
    }
    out.put("default_zone", zones[0]);
    return out;
  }
}
