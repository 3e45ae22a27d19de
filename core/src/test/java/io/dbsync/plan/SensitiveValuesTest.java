package io.dbsync.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SensitiveValuesTest {
  private static ObjectNode json(String s) throws Exception {
    return (ObjectNode) TfJson.MAPPER.readTree(s);
  }

  @Test
  void aSensitiveBlockIsHashedLeafByLeafAndRevealedWhereItMatches() throws Exception {
    ObjectNode attrs = json("""
        {"name": "gpt", "config": {"served": [{"name": "a", "size": 2, "key": "s3cret"}]}, "other": "plain"}""");
    ObjectNode stored = SensitiveValues.conceal(attrs, Set.of("config"), "salt");
    assertFalse(stored.toString().contains("s3cret"), stored.toString());
    assertEquals("gpt", stored.get("name").asText(), "other attributes stay as they are");
    assertEquals(2, stored.at("/config/served/0/size").asInt(), "numbers are no secrets");
    assertTrue(stored.at("/config/served/0/key").asText().startsWith(SensitiveValues.PREFIX));
    assertEquals(stored, SensitiveValues.conceal(stored, Set.of("config"), "salt"), "concealing twice changes nothing");

    assertEquals(attrs, SensitiveValues.revealMatching(stored, attrs, Set.of("config"), "salt"));
    ObjectNode rotated = json("""
        {"name": "gpt", "config": {"served": [{"name": "a", "size": 2, "key": "new"}]}, "other": "plain"}""");
    ObjectNode revealed = SensitiveValues.revealMatching(stored, rotated, Set.of("config"), "salt");
    assertEquals("a", revealed.at("/config/served/0/name").asText());
    assertEquals(stored.at("/config/served/0/key"), revealed.at("/config/served/0/key"), "a changed secret stays hashed");
    assertEquals(stored, SensitiveValues.revealMatching(stored, attrs, Set.of("config"), "other salt"));
  }

  @Test
  void aSensitiveTextIsHashedWhole() throws Exception {
    ObjectNode stored = SensitiveValues.conceal(json("{\"string_value\": \"pw\"}"), Set.of("string_value"), "s");
    assertEquals(SensitiveValues.hash("s", "pw"), stored.get("string_value").asText());
  }
}
