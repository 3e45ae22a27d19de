package io.dbsync.emulator.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ViewReferencesTest {
  private static List<String> refs(String query) {
    return ViewReferences.of(query, "cur").stream().map(r -> r[0] + "." + r[1]).toList();
  }

  @Test
  void relationsAfterFromJoinAndCommas() {
    assertEquals(List.of("sales.orders", "cur.customers", "hr.people"), refs(
        "SELECT o.id FROM sales.orders o JOIN `customers` AS c ON o.c = c.id LEFT OUTER JOIN spark_catalog.hr.people p ON 1=1"));
    assertEquals(List.of("a.x", "cur.y", "b.z"), refs("select * from a.x, y t, `b`.`z` where x.id = y.id"));
    assertEquals(List.of("cur.a", "cur.b", "cur.c"), refs("SELECT x, y FROM a JOIN b ON a.k = b.k, c WHERE a.z IN (1, 2)"
        + " GROUP BY x, y ORDER BY x, y"));
    assertEquals(List.of("cur.t"), refs("SELECT * FROM t LATERAL VIEW explode(t.arr) e AS v1, v2"));
    assertEquals(List.of("cur.t"), refs("SELECT * FROM t -- FROM commented.out\n/* JOIN other.one */"));
  }

  @Test
  void subqueriesCtesFunctionsAndNonRelationFroms() {
    assertEquals(List.of("s.base", "s.extra"), refs("WITH recent AS (SELECT * FROM s.base), more AS (SELECT 1)"
        + " SELECT * FROM recent JOIN more ON true JOIN (SELECT id FROM s.extra) e ON true"));
    assertEquals(List.of("cur.events"), refs("SELECT EXTRACT(YEAR FROM ts), TRIM(BOTH ' ' FROM name), 'from x' "
        + "FROM events CROSS JOIN range(10)"));
    assertEquals(List.of("cur.dim"), refs("SELECT * FROM delta.`/mnt/lake/facts` f JOIN dim d ON f.k = d.k"));
    assertEquals(List.of("db.a", "db.b"), refs("SELECT * FROM db.a UNION ALL SELECT * FROM db.b WHERE id IN (SELECT id FROM db.a)"));
  }
}
