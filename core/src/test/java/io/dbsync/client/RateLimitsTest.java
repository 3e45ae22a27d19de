package io.dbsync.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitsTest {
  @Test
  void defaultsAreThePublishedTable() {
    RateLimits r = RateLimits.published();
    assertEquals(new PublishedLimits.Limit("jobs:write", 20, true), r.limitFor("jobs", true).orElseThrow());
    assertEquals(new PublishedLimits.Limit("jobs:read", 100, true), r.limitFor("jobs", false).orElseThrow());
    assertEquals("secrets", r.limitFor("secrets", false).orElseThrow().key(), "one bucket for a family without a split");
    assertEquals(PublishedLimits.UNPUBLISHED, r.limitFor("repos", true).orElseThrow().perSecond());
    assertTrue(r.limitFor("meta", false).isEmpty());
  }

  @Test
  void theMostSpecificOverrideWinsAndZeroUnpaces() {
    RateLimits r = RateLimits.published(List.of("jobs=50", "jobs:read=7.5", "dbfs=0"));
    assertEquals(new PublishedLimits.Limit("jobs", 50, false), r.limitFor("jobs", true).orElseThrow());
    assertEquals(new PublishedLimits.Limit("jobs:read", 7.5, false), r.limitFor("jobs", false).orElseThrow());
    assertTrue(r.limitFor("dbfs", false).isEmpty());
    assertEquals("scim:read", r.limitFor("scim", false).orElseThrow().key(), "other families keep the table");
  }

  @Test
  void offPacesNothing() {
    assertTrue(RateLimits.off().limitFor("jobs", true).isEmpty());
  }

  @Test
  void malformedEntriesAreRejectedWithTheSyntax() {
    for (String bad : List.of("jobs", "jobs=-1", "jobs:list=3", "=3", "jobs=fast")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RateLimits.published(List.of(bad)), bad);
      assertTrue(e.getMessage().contains("FAMILY=REQ_PER_S"), e.getMessage());
    }
  }
}
