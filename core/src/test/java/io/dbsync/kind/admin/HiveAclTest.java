package io.dbsync.kind.admin;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HiveAclTest {
  private static List<String> row(String... cells) {
    return Arrays.asList(cells);
  }

  @Test
  void securableIdsAndClauses() {
    for (String id : List.of("table/sales.orders", "view/sales.v", "database/sales", "catalog/", "any file/",
        "anonymous function/")) {
      assertEquals(id, HiveSecurable.parse(id).id());
    }
    assertEquals("VIEW `sales`.`v`", HiveSecurable.parse("view/sales.v").clause());
    assertEquals("ANY FILE", HiveSecurable.parse("any file/").clause());
    assertThrows(IllegalArgumentException.class, () -> HiveSecurable.parse("table/orders"));
    assertThrows(IllegalArgumentException.class, () -> HiveSecurable.parse("catalog/x"));
  }

  @Test
  void rowsOfTheObjectItselfWhateverTheRuntimeCallsThem() {
    HiveSecurable view = HiveSecurable.relation("sales", "v", true);
    HiveAcl acl = HiveAcl.of(view, List.of(
        row("ann", "OWN", "VIEW", "`sales`.`v`"),
        row("g", "SELECT", "TABLE", "sales.v"),
        row("g", "DENIED_READ_METADATA", "TABLE", "`hive_metastore`.`sales`.`v`"),
        row("h", "USAGE", "DATABASE", "sales"),
        row("h", "SELECT", "CATALOG$", null),
        row("x", "SELECT", "TABLE", "`sales`.`other`")));
    assertEquals("ann", acl.owner());
    assertEquals(Map.of("g", Set.of("SELECT")), acl.grants());
    assertEquals(Map.of("g", Set.of("READ_METADATA")), acl.denies());

    HiveAcl db = HiveAcl.of(HiveSecurable.database("sales"), List.of(row("h", "USAGE", "SCHEMA", "`sales`"),
        row("h", "SELECT", "CATALOG$", "None")));
    assertEquals(Map.of("h", Set.of("USAGE")), db.grants());
    assertNull(db.owner());
    HiveAcl anyFile = HiveAcl.of(HiveSecurable.ANY_FILE, List.of(row("f", "MODIFY", "ANY_FILE", null),
        row("f", "DENIED_SELECT", "ANY_FILE", "")));
    assertEquals(Map.of("f", Set.of("MODIFY")), anyFile.grants());
    assertEquals(Map.of("f", Set.of("SELECT")), anyFile.denies());
  }

  @Test
  void convergingOneHalfPutsBackWhatARevokeLiftsFromTheOther() {
    HiveSecurable t = HiveSecurable.relation("s", "t", false);
    HiveAcl acl = HiveAcl.of(t, List.of(row("g", "SELECT", "TABLE", "s.t"), row("g", "DENIED_SELECT", "TABLE", "s.t"),
        row("g", "MODIFY", "TABLE", "s.t"), row("h", "ALL PRIVILEGES", "TABLE", "s.t"), row("h", "DENIED_MODIFY", "TABLE", "s.t")));
    assertEquals(List.of(
            "REVOKE SELECT ON TABLE `s`.`t` FROM `g`", "DENY SELECT ON TABLE `s`.`t` TO `g`",
            "REVOKE ALL PRIVILEGES ON TABLE `s`.`t` FROM `h`", "DENY MODIFY ON TABLE `s`.`t` TO `h`",
            "GRANT READ_METADATA ON TABLE `s`.`t` TO `h`",
            "GRANT SELECT ON TABLE `s`.`t` TO `new`"),
        acl.converge(t, Map.of("g", Set.of("MODIFY"), "h", Set.of("READ_METADATA"), "new", Set.of("SELECT")), false));
    assertEquals(List.of("REVOKE SELECT ON TABLE `s`.`t` FROM `g`", "GRANT SELECT ON TABLE `s`.`t` TO `g`"),
        acl.converge(t, Map.of("h", Set.of("MODIFY")), true).subList(0, 2));
    assertEquals(List.of(), acl.converge(t, Map.of("g", Set.of("SELECT", "MODIFY"), "h", Set.of("ALL PRIVILEGES")), false));
  }

  @Test
  void databaseDescriptionsOfBothRuntimes() {
    DatabaseDescription d = DatabaseDescription.of(List.of(row("Catalog Name", "spark_catalog"), row("Namespace Name", "s"),
        row("Comment", "sales, 'all'"), row("Location", "s3://b/s"), row("Owner", "x"),
        row("Properties", "((a,1), (b,x,y), (c,))")));
    assertEquals(new DatabaseDescription("sales, 'all'", "s3://b/s", Map.of("a", "1", "b", "x,y", "c", "")), d);
    DatabaseDescription old = DatabaseDescription.of(List.of(row("Database Name", "s"), row("Description", ""),
        row("Location", "dbfs:/user/hive/warehouse/s.db"), row("Properties", "")));
    assertEquals(new DatabaseDescription(null, "dbfs:/user/hive/warehouse/s.db", Map.of()), old);
  }
}
