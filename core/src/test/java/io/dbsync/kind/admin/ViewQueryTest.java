package io.dbsync.kind.admin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ViewQueryTest {
  private static List<String> names(String query) {
    return ViewQuery.relations(query).stream()
        .map(r -> (r.catalog() == null ? "" : r.catalog() + ":") + (r.database() == null ? "?" : r.database()) + "." + r.name())
        .toList();
  }

  @Test
  void relationsOfFromListsJoinsAndSubqueries() {
    assertEquals(List.of("?.orders", "sales.customers", "hive_metastore:hr.people", "?.x", "?.x"), names(
        "SELECT o.id FROM orders o JOIN `sales`.`customers` AS c ON o.c = c.id, hive_metastore.hr.people p, x "
            + "WHERE o.id IN (SELECT id FROM x) GROUP BY o.id, c.id ORDER BY 1, 2"));
    assertEquals(List.of("db.a", "db.b"), names("select * from db.a union all select * from db.b"));
    assertEquals(List.of("?.t"), names("SELECT * FROM t -- FROM not.this\n/* JOIN nor.this */ LATERAL VIEW explode(a) e AS c1, c2"));
  }

  @Test
  void notRelations() {
    assertEquals(List.of("?.events"), names("WITH recent AS (SELECT * FROM events), n AS (SELECT 1) "
        + "SELECT EXTRACT(YEAR FROM ts), TRIM(BOTH ' ' FROM 'FROM x') FROM recent JOIN n ON true CROSS JOIN range(3) "
        + "JOIN delta.`/mnt/raw/facts` f ON true"));
  }

  @Test
  void qualifyPrefixesOnlyUnqualifiedNames() {
    assertEquals("SELECT * FROM `sales`.orders o JOIN `sales`.`cust``omers` c ON true, other.t",
        ViewQuery.qualify("SELECT * FROM orders o JOIN `cust``omers` c ON true, other.t", "sales"));
    String cte = "WITH r AS (SELECT * FROM base) SELECT * FROM r";
    assertEquals("WITH r AS (SELECT * FROM `a-b`.base) SELECT * FROM r", ViewQuery.qualify(cte, "a-b"));
  }
}
