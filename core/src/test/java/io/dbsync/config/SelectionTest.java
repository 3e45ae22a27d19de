package io.dbsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one selection rule of every kind, one test per rule (the init template documents the same). */
class SelectionTest {
  private static Selection selection(String kind, String yamlBlock) {
    return ExportConfig.parse("objects:\n  " + kind + ":\n" + yamlBlock.indent(4), List.of())
        .settingsOrEmpty(kind).selection();
  }

  private static JsonNode json(String text) throws IOException {
    return TfJson.MAPPER.readTree(text.replace('\'', '"'));
  }

  @Test
  void noPatternsAndNoByFiltersSelectEverything() throws IOException {
    Selection s = KindSettings.empty("job").selection();
    assertTrue(s.selects("anything", json("{'a': 1}")));
    assertTrue(s.selects(null, null));
    assertFalse(s.excludesPath("/any/path"));
  }

  @Test
  void aListOfPatternsIsAUnionAndStarCrossesSlashes() {
    Selection s = selection("job", "patterns: ['nightly*', 'etl']");
    assertTrue(s.matchesName("nightly/etl run"), "* matches anything, '/' included, as with fnmatch");
    assertTrue(s.matchesName("etl"), "a name matching any one pattern is selected");
    assertFalse(s.matchesName("weekly"));
    assertFalse(s.matchesName("etl-2"), "a pattern matches the whole name");
  }

  @Test
  void anyByFilterSelects() throws IOException {
    Selection s = selection("cluster", "by: {cluster_name: 'etl', custom_tags.team: 'a'}");
    assertTrue(s.matchesBy(json("{'cluster_name': 'etl', 'custom_tags': {'team': 'b'}}")), "the name filter selects");
    assertTrue(s.matchesBy(json("{'cluster_name': 'x', 'custom_tags': {'team': 'a'}}")), "the tag filter selects");
    assertFalse(s.matchesBy(json("{'cluster_name': 'x', 'custom_tags': {'team': 'b'}}")));
  }

  @Test
  void aByExpressionMustMatchTheWholeValue() throws IOException {
    Selection s = selection("cluster", "by: {cluster_name: 'etl'}");
    assertFalse(s.matchesBy(json("{'cluster_name': 'nightly-etl-job'}")), "not a search inside the value");
    assertTrue(selection("cluster", "by: {cluster_name: '.*etl.*'}").matchesBy(json("{'cluster_name': 'nightly-etl-job'}")));
  }

  @Test
  void aListOfExpressionsForOneFieldIsAUnion() throws IOException {
    Selection s = selection("job", "by: {settings.existing_cluster_id: ['.*fun.*', 'abc']}");
    assertTrue(s.matchesBy(json("{'settings': {'existing_cluster_id': '0101-fun-x'}}")));
    assertTrue(s.matchesBy(json("{'settings': {'existing_cluster_id': 'abc'}}")));
    assertFalse(s.matchesBy(json("{'settings': {'existing_cluster_id': '0101-abcd'}}")));
  }

  @Test
  void aDottedPathReachesNestedFieldsAndEveryArrayElement() throws IOException {
    Selection s = selection("identity", "by: {groups.display: 'eng'}");
    assertTrue(s.matchesBy(json("{'groups': [{'display': 'ops'}, {'display': 'eng'}]}")));
    assertFalse(s.matchesBy(json("{'groups': [{'display': 'ops'}]}")));
  }

  @Test
  void aFilteredFieldThatIsAbsentDoesNotMatch() throws IOException {
    Selection s = selection("job", "by: {tags.team: 'data'}");
    assertFalse(s.matchesBy(json("{}")));
    assertFalse(s.matchesBy(json("{'tags': {'team': {'nested': 'data'}}}")), "only scalar values match");
  }

  @Test
  void patternsAndByMustBothHold() throws IOException {
    Selection s = selection("cluster", "patterns: ['*etl']\nby: {spark_version: '15\\..*'}");
    assertTrue(s.selects("team-a etl", json("{'spark_version': '15.4.x'}")));
    assertFalse(s.selects("team-a etl", json("{'spark_version': '14.3.x'}")), "by fails");
    assertFalse(s.selects("adhoc", json("{'spark_version': '15.4.x'}")), "patterns fail");
  }

  @Test
  void excludePathGlobsStayWithinAFolderUnlessDoubleStarred() {
    Selection d = selection("dbfs_file", "exclude_path: ['**.whl', '/tmp/**', '/a/*.jar']");
    assertTrue(d.excludesPath("dbfs:/libs/x/y.whl"), "a dbfs: prefix is ignored");
    assertTrue(d.excludesPath("/tmp/a/b"));
    assertTrue(d.excludesPath("/a/x.jar"));
    assertFalse(d.excludesPath("/a/b/x.jar"), "* stays within a folder");
    assertFalse(d.excludesPath("/data/x.csv"));
    assertTrue(selection("dbfs_file", "exclude_path: 'dbfs:/tmp/**'").excludesPath("/tmp/x"),
        "a dbfs: prefix on the glob is ignored too");
  }
}
