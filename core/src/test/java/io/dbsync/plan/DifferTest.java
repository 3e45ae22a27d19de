package io.dbsync.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.expr.Unknown;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DifferTest {
  static ObjectNode json(String s) {
    try {
      return (ObjectNode) TfJson.read(s.replace('\'', '"').getBytes());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> keys(Differ.Result r) {
    return r.changes().stream().map(AttrChange::key).toList();
  }

  @Test
  void equalObjectsDiffToNothingAndExtraRefreshedKeysAreIgnored() {
    Differ.Result r = Differ.diff(json("{'a': '1', 'n': 5, 'b': {'c': [1, 2]}}"),
        json("{'a': 1, 'n': '5', 'b': {'c': [1, 2], 'computed': 'x'}, 'server_default': true}"),
        json("{'a': '1', 'n': 5, 'b': {'c': [1, 2]}}"), Set.of(), false);
    assertTrue(r.empty(), r.toString());
  }

  @Test
  void writeOnlyKeysFallBackToLastAppliedEvenNested() {
    ObjectNode desired = json("{'name': 'k', 'string_value': 'v1', 'block': {'secret': 's', 'x': 1}}");
    ObjectNode refreshed = json("{'name': 'k', 'block': {'x': 1}}");
    Set<String> writeOnly = Set.of("string_value", "block.secret");
    assertTrue(Differ.diff(desired, refreshed, json("{'name': 'k', 'string_value': 'v1', 'block': {'secret': 's', 'x': 1}}"),
        Set.of(), false, writeOnly).empty());
    Differ.Result changed = Differ.diff(desired, refreshed, json("{'name': 'k', 'string_value': 'v0', 'block': {'secret': 's', 'x': 1}}"),
        Set.of(), false, writeOnly);
    assertEquals(List.of("string_value"), keys(changed));
    assertEquals(List.of("string_value"), keys(Differ.diff(json("{'string_value': 'v'}"), json("{}"), null, Set.of(), false,
        writeOnly)), "without state a write-only value is a change");
  }

  /** Drift: an attribute removed in the target is a change, even though the state says it was applied. */
  @Test
  void anAttributeMissingInTheTargetIsAChangeUnlessWriteOnly() {
    ObjectNode desired = json("{'name': 'c', 'spark_conf': {'a': '1'}, 'tags': {'t': 'x', 'u': 'y'}}");
    ObjectNode refreshed = json("{'name': 'c', 'tags': {'t': 'x'}}");
    Differ.Result r = Differ.diff(desired, refreshed, desired.deepCopy(), Set.of(), false, Set.of());
    assertEquals(List.of("spark_conf", "tags"), keys(r));
    assertEquals(null, r.changes().get(0).before());
    assertTrue(Differ.diff(desired, refreshed, desired.deepCopy(), Set.of(), false, Set.of("spark_conf", "tags.u")).empty());
  }

  @Test
  void keyRemovedFromDesiredButLastAppliedIsARemoval() {
    Differ.Result r = Differ.diff(json("{'a': 1}"), json("{'a': 1, 'tags': {'x': 'y'}}"),
        json("{'a': 1, 'tags': {'x': 'y'}}"), Set.of(), false);
    assertEquals(List.of("tags"), keys(r));
    assertEquals(null, r.changes().get(0).after());
  }

  @Test
  void forceNewPathsAndReplaceOnAnyChange() {
    ObjectNode before = json("{'spark_version': '13', 'tags': {'a': 1}, 'task': [{'new_cluster': {'node': 'x'}}]}");
    assertFalse(Differ.diff(json("{'spark_version': '13', 'tags': {'a': 2}, 'task': [{'new_cluster': {'node': 'x'}}]}"),
        before, before, Set.of("spark_version"), false).replace());
    assertTrue(Differ.diff(json("{'spark_version': '14', 'tags': {'a': 1}, 'task': [{'new_cluster': {'node': 'x'}}]}"),
        before, before, Set.of("spark_version"), false).replace());
    assertTrue(Differ.diff(json("{'spark_version': '13', 'tags': {'a': 1}, 'task': [{'new_cluster': {'node': 'y'}}]}"),
        before, before, Set.of("task.new_cluster.node"), false).replace());
    assertTrue(Differ.diff(json("{'spark_version': '13', 'tags': {'a': 3}, 'task': [{'new_cluster': {'node': 'x'}}]}"),
        before, before, Set.of(), true).replace());
  }

  @Test
  void emptyBlocksAndNullsCountAsAbsent() {
    assertTrue(Differ.diff(json("{'a': 1, 'tags': {}, 'libs': [], 'x': null}"), json("{'a': 1}"), null, Set.of(), false).empty());
    assertEquals(List.of("tags"), keys(Differ.diff(json("{'a': 1, 'tags': {}}"), json("{'a': 1, 'tags': {'k': 'v'}}"),
        json("{'a': 1, 'tags': {'k': 'v'}}"), Set.of(), false)), "emptied block whose content was applied is a removal");
  }

  @Test
  void listLengthAndUnknownAreChanges() {
    ObjectNode before = json("{'l': [1, 2]}");
    assertEquals(List.of("l"), keys(Differ.diff(json("{'l': [1]}"), before, before, Set.of(), false)));
    ObjectNode withUnknown = json("{'l': [1, 2]}");
    withUnknown.set("id_ref", Unknown.NODE);
    assertEquals(List.of("id_ref"), keys(Differ.diff(withUnknown, json("{'l': [1, 2], 'id_ref': 'x'}"), null, Set.of(), false)));
  }
}
