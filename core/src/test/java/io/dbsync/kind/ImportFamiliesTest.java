package io.dbsync.kind;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImportFamiliesTest {
  /** A new kind needs its row in ImportFamilies, or assess cannot estimate its import. */
  @Test
  void everyRegisteredTypeHasAnImportFamily() {
    List<String> missing = KindRegistry.standard().all().stream().map(Kind::info).map(i -> i.type()).distinct()
        .filter(t -> ImportFamilies.familyOf(t).isEmpty()).toList();
    assertEquals(List.of(), missing, "add these types to ImportFamilies with the API family that creates them");
  }
}
