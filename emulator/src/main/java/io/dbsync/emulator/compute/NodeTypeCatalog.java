package io.dbsync.emulator.compute;

import io.dbsync.emulator.Cloud;

import java.util.List;

/**
 * The node types {@code clusters/list-node-types} offers per cloud: a dozen real instance types each,
 * covering the general purpose, memory, storage (AWS, Azure), compute and GPU families, with their
 * real memory, cores, GPUs and local disks. A representative subset, not the full catalog.
 */
final class NodeTypeCatalog {
  private NodeTypeCatalog() {}

  /** One node type; {@code localDisks} x {@code localDiskGb} is its local (instance store / temp / local SSD) storage. */
  record NodeType(String id, long memoryMb, double cores, int gpus, String category, int localDisks,
                  int localDiskGb, boolean photon) {}

  private static final String GENERAL = "General Purpose";
  private static final String MEMORY = "Memory Optimized";
  private static final String STORAGE = "Storage Optimized";
  private static final String COMPUTE = "Compute Optimized";
  private static final String GPU = "GPU Accelerated";

  private static final List<NodeType> AWS = List.of(
      new NodeType("m5d.large", 8192, 2, 0, GENERAL, 1, 75, false),
      new NodeType("m5d.xlarge", 16384, 4, 0, GENERAL, 1, 150, true),
      new NodeType("i3.xlarge", 31232, 4, 0, STORAGE, 1, 950, true),
      new NodeType("i3.2xlarge", 62464, 8, 0, STORAGE, 1, 1900, true),
      new NodeType("r5d.xlarge", 32768, 4, 0, MEMORY, 1, 150, true),
      new NodeType("c5d.2xlarge", 16384, 8, 0, COMPUTE, 1, 200, true),
      new NodeType("g4dn.xlarge", 16384, 4, 1, GPU, 1, 125, false),
      new NodeType("m5.xlarge", 16384, 4, 0, GENERAL, 0, 0, true),
      new NodeType("m6gd.xlarge", 16384, 4, 0, GENERAL, 1, 237, true),
      new NodeType("r5d.2xlarge", 65536, 8, 0, MEMORY, 1, 300, true),
      new NodeType("i3en.2xlarge", 65536, 8, 0, STORAGE, 2, 2500, true),
      new NodeType("g5.xlarge", 16384, 4, 1, GPU, 1, 250, false),
      new NodeType("p3.2xlarge", 62464, 8, 1, GPU, 0, 0, false));

  private static final List<NodeType> AZURE = List.of(
      new NodeType("Standard_DS3_v2", 14336, 4, 0, GENERAL, 1, 28, false),
      new NodeType("Standard_DS4_v2", 28672, 8, 0, GENERAL, 1, 56, false),
      new NodeType("Standard_D4ds_v5", 16384, 4, 0, GENERAL, 1, 150, true),
      new NodeType("Standard_D8ds_v5", 32768, 8, 0, GENERAL, 1, 300, true),
      new NodeType("Standard_E4ds_v4", 32768, 4, 0, MEMORY, 1, 150, true),
      new NodeType("Standard_E8ds_v4", 65536, 8, 0, MEMORY, 1, 300, true),
      new NodeType("Standard_E16ds_v4", 131072, 16, 0, MEMORY, 1, 600, true),
      new NodeType("Standard_L8s_v2", 65536, 8, 0, STORAGE, 1, 1788, true),
      new NodeType("Standard_L16s_v2", 131072, 16, 0, STORAGE, 2, 1788, true),
      new NodeType("Standard_F8s_v2", 16384, 8, 0, COMPUTE, 1, 64, true),
      new NodeType("Standard_NC4as_T4_v3", 28672, 4, 1, GPU, 1, 176, false),
      new NodeType("Standard_NC6s_v3", 114688, 6, 1, GPU, 1, 736, false));

  private static final List<NodeType> GCP = List.of(
      new NodeType("n2-standard-4", 16384, 4, 0, GENERAL, 1, 375, true),
      new NodeType("n2-standard-8", 32768, 8, 0, GENERAL, 1, 375, true),
      new NodeType("n2-standard-16", 65536, 16, 0, GENERAL, 2, 375, true),
      new NodeType("n2d-standard-8", 32768, 8, 0, GENERAL, 1, 375, true),
      new NodeType("e2-standard-4", 16384, 4, 0, GENERAL, 0, 0, false),
      new NodeType("n2-highmem-4", 32768, 4, 0, MEMORY, 1, 375, true),
      new NodeType("n2-highmem-8", 65536, 8, 0, MEMORY, 1, 375, true),
      new NodeType("n2-highmem-16", 131072, 16, 0, MEMORY, 2, 375, true),
      new NodeType("n2-highcpu-8", 8192, 8, 0, COMPUTE, 1, 375, true),
      new NodeType("c2-standard-8", 32768, 8, 0, COMPUTE, 1, 375, true),
      new NodeType("g2-standard-8", 32768, 8, 1, GPU, 1, 375, false),
      new NodeType("a2-highgpu-1g", 87040, 12, 1, GPU, 1, 375, false));

  static List<NodeType> of(Cloud cloud) {
    return switch (cloud) {
      case AWS -> AWS;
      case AZURE -> AZURE;
      case GCP -> GCP;
    };
  }

  /**
   * The cloud whose naming scheme a node type id follows ("i3.xlarge" AWS, "Standard_DS3_v2" Azure,
   * "n2-highmem-8" GCP), or null for an id in no known shape.
   */
  static Cloud cloudOf(String nodeTypeId) {
    for (Cloud c : Cloud.values()) {
      if (of(c).stream().anyMatch(t -> t.id().equals(nodeTypeId))) {
        return c;
      }
    }
    if (nodeTypeId.startsWith("Standard_")) {
      return Cloud.AZURE;
    }
    if (nodeTypeId.matches("[a-z][a-z0-9-]*\\.[a-z0-9]+")) {
      return Cloud.AWS;
    }
    return nodeTypeId.matches("[a-z][a-z0-9]*-[a-z]+-[a-z0-9]+") ? Cloud.GCP : null;
  }
}
