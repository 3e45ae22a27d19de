package io.dbsync.mapping;

import io.dbsync.tf.Cloud;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeTypeTableTest {
  private final NodeTypeTable table = NodeTypeTable.bundled();

  @Test
  void counterpartsMatchCoresThenMemoryThenFamilyThenLocalDisk() {
    // storage-optimised 4 cores / 30.5 GiB: the 4-core 32 GiB type beats the 8-core storage type
    assertEquals(Optional.of("Standard_E4ds_v4"), table.counterpart("i3.xlarge", Cloud.AWS, Cloud.AZURE));
    assertEquals(Optional.of("n2-highmem-4"), table.counterpart("i3.xlarge", Cloud.AWS, Cloud.GCP));
    assertEquals(Optional.of("r5d.xlarge"), table.counterpart("Standard_E4ds_v4", Cloud.AZURE, Cloud.AWS));
    // 14 GiB: m5.xlarge and m5d.xlarge are as close; local disk decides for m5d
    assertEquals(Optional.of("m5d.xlarge"), table.counterpart("Standard_DS3_v2", Cloud.AZURE, Cloud.AWS));
    assertEquals(Optional.of("m5.xlarge"), table.counterpart("e2-standard-4", Cloud.GCP, Cloud.AWS));
    assertEquals(Optional.of("Standard_F8s_v2"), table.counterpart("c5d.2xlarge", Cloud.AWS, Cloud.AZURE));
  }

  @Test
  void gpuTypesGoToGpuTypesOnly() {
    assertEquals(Optional.of("Standard_NC4as_T4_v3"), table.counterpart("g4dn.xlarge", Cloud.AWS, Cloud.AZURE));
    assertEquals(Optional.of("g2-standard-4"), table.counterpart("g4dn.xlarge", Cloud.AWS, Cloud.GCP));
    assertEquals(Optional.of("m5d.xlarge"), table.counterpart("n2-standard-4", Cloud.GCP, Cloud.AWS));
  }

  @Test
  void unknownOrTooBigTypesHaveNoCounterpart() {
    assertTrue(table.counterpart("x1e.32xlarge", Cloud.AWS, Cloud.AZURE).isEmpty());
    assertTrue(table.counterpart("Standard_NC6s_v3", Cloud.AZURE, Cloud.AWS).isEmpty(), "112 GiB GPU: none on the AWS list");
  }

  @Test
  void everyCloudHasEveryFamilyItNeeds() {
    for (Cloud c : Cloud.values()) {
      for (String id : new String[] {"m5d.xlarge", "r5d.2xlarge", "c5d.4xlarge", "g5.xlarge"}) {
        if (c != Cloud.AWS) {
          assertTrue(table.counterpart(id, Cloud.AWS, c).isPresent(), id + " -> " + c);
        }
      }
    }
  }
}
