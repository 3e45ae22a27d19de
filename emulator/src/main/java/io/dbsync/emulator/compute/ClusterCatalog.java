package io.dbsync.emulator.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

/**
 * The read-only catalogs of an AWS workspace: node types, runtime versions and availability zones.
 * Values mirror real responses (ids, names, memory/cores); the list is a representative subset.
 */
final class ClusterCatalog {
  private ClusterCatalog() {}

  private record NodeType(String id, long memoryMb, double cores, int gpus, String category, int localDisks,
                          int localDiskGb, boolean photon) {}

  private static final NodeType[] NODE_TYPES = {
      new NodeType("m5d.large", 8192, 2, 0, "General Purpose", 1, 75, false),
      new NodeType("m5d.xlarge", 16384, 4, 0, "General Purpose", 1, 150, true),
      new NodeType("i3.xlarge", 31232, 4, 0, "Storage Optimized", 1, 950, true),
      new NodeType("i3.2xlarge", 62464, 8, 0, "Storage Optimized", 1, 1900, true),
      new NodeType("r5d.xlarge", 32768, 4, 0, "Memory Optimized", 1, 150, true),
      new NodeType("c5d.2xlarge", 16384, 8, 0, "Compute Optimized", 1, 200, true),
      new NodeType("g4dn.xlarge", 16384, 4, 1, "GPU Accelerated", 1, 125, false),
  };

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

  private static final String[] ZONES = {"us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"};

  static ObjectNode nodeTypes() {
    ObjectNode out = Json.object();
    ArrayNode arr = out.putArray("node_types");
    int order = 0;
    for (NodeType t : NODE_TYPES) {
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
      n.put("support_ebs_volumes", true);
      n.put("support_cluster_tags", true);
      n.put("support_port_forwarding", true);
      n.put("is_io_cache_enabled", t.id().startsWith("i3") || t.id().startsWith("r5d"));
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

  static ObjectNode sparkVersions() {
    ObjectNode out = Json.object();
    ArrayNode arr = out.putArray("versions");
    for (String[] v : SPARK_VERSIONS) {
      arr.addObject().put("key", v[0]).put("name", v[1]);
    }
    return out;
  }

  static ObjectNode zones() {
    ObjectNode out = Json.object();
    ArrayNode arr = out.putArray("zones");
    for (String z : ZONES) {
      arr.add(z);
    }
    out.put("default_zone", ZONES[0]);
    return out;
  }
}
