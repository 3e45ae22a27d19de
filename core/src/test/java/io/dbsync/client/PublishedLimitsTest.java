package io.dbsync.client;

import io.dbsync.emulator.PublishedRateLimits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's table of published limits is the emulator's preset (which EmulatorRateLimitDocTest holds
 * to docs/emulator-rate-limits.md): one contract in three places that cannot drift apart.
 */
class PublishedLimitsTest {
  @Test
  void theTableIsTheEmulatorsPublishedPreset() {
    List<String> client = PublishedLimits.TABLE.stream().map(l -> l.key() + "=" + l.perSecond() + "/" + l.published()).toList();
    List<String> emulator = PublishedRateLimits.TABLE.stream().map(e -> e.key() + "=" + e.perSecond() + "/" + e.published()).toList();
    assertEquals(emulator, client);
  }

  @Test
  void theMostSpecificKeyGovernsAndUnlistedFamiliesAreAssumed() {
    assertEquals("jobs:write", PublishedLimits.of("jobs", true).orElseThrow().key());
    assertEquals("jobs:read", PublishedLimits.of("jobs", false).orElseThrow().key());
    assertEquals("secrets", PublishedLimits.of("secrets", true).orElseThrow().key());
    PublishedLimits.Limit repos = PublishedLimits.of("repos", false).orElseThrow();
    assertEquals(PublishedLimits.UNPUBLISHED, repos.perSecond());
    assertTrue(!repos.published());
    assertTrue(PublishedLimits.of("meta", false).isEmpty());
  }
}
