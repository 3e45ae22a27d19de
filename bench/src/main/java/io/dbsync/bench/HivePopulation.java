package io.dbsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A large legacy Hive metastore (the 10,000-table case): {@code databases} databases of {@code
 * relationsPerDatabase} tables and views each. Every 4th table is external parquet with a
 * LOCATION, the others managed delta; every 10th relation is a view reading two tables of its
 * database, half of those by unqualified names (created with USE, so the export reads where they
 * resolve); a grant on every 5th relation and on each database, a group owner on every 10th, a DENY
 * on every 50th, and grants on the catalog and ANY FILE. The principals are five groups, which the
 * target gets too (the benchmark measures the metastore, not identities). Deterministic.
 */
public record HivePopulation(int databases, int relationsPerDatabase) implements Workload {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int GROUPS = 5;

  /** 10 databases of 1,000 relations: 10,000 tables and views. */
  public static HivePopulation tenThousand() {
    return new HivePopulation(10, 1000);
  }

  /** The relations per database multiplied by {@code factor} (at least 1). */
  public HivePopulation scaled(double factor) {
    return new HivePopulation(databases, Math.max(1, (int) Math.round(relationsPerDatabase * factor)));
  }

  public int relations() {
    return databases * relationsPerDatabase;
  }

  @Override
  public String describe() {
    return "Hive metastore: " + databases + " databases x " + relationsPerDatabase + " relations = " + relations()
        + " tables and views (every 10th a view on two tables, half of them by unqualified names; every 4th table "
        + "external parquet), a grant on every 5th relation and each database, a group owner on every 10th, a DENY "
        + "on every 50th, catalog and ANY FILE grants";
  }

  @Override
  public String config() {
    return "name: bench-hive\nobjects:\n  metastore: {}\n";
  }

  static String db(int d) {
    return "db%02d".formatted(d);
  }

  static String relation(int i) {
    return "t%05d".formatted(i);
  }

  @Override
  public JsonNode seed() {
    ObjectNode root = principals();
    ObjectNode sql = root.putObject("sql");
    sql.putArray("warehouses").addObject().put("name", "bench-source");
    ArrayNode st = sql.putArray("statements");
    st.add("GRANT USAGE ON CATALOG TO `bench-group-0`");
    st.add("GRANT SELECT ON ANY FILE TO `bench-group-1`");
    for (int d = 0; d < databases; d++) {
      String db = db(d);
      st.add("CREATE DATABASE " + db + " COMMENT 'bench database " + d + "'");
      st.add("GRANT USAGE ON DATABASE " + db + " TO `bench-group-" + d % GROUPS + "`");
      st.add("USE " + db);
      for (int i = 0; i < relationsPerDatabase; i++) {
        String name = relation(i);
        boolean view = i % 10 == 9;
        if (view) {
          String a = relation(i - 1);
          String b = relation(i - 2);
          st.add(i % 20 == 9 ? "CREATE VIEW " + name + " AS SELECT x.id FROM " + a + " x JOIN " + b + " y ON x.id = y.id"
              : "CREATE VIEW " + db + "." + name + " AS SELECT x.id FROM " + db + "." + a + " x JOIN " + db + "." + b
                  + " y ON x.id = y.id");
        } else if (i % 4 == 3) {
          st.add("CREATE TABLE " + db + "." + name + " (id BIGINT, payload STRING) USING parquet LOCATION "
              + "'s3://bench-bucket/" + db + "/" + name + "'");
        } else {
          st.add("CREATE TABLE " + db + "." + name + " (id BIGINT, amount DECIMAL(10,2), day DATE) USING delta "
              + "PARTITIONED BY (day) TBLPROPERTIES ('quality' = 'silver')");
        }
        String keyword = view ? "VIEW " : "TABLE ";
        if (i % 5 == 4) {
          st.add("GRANT SELECT ON " + keyword + db + "." + name + " TO `bench-group-" + i % GROUPS + "`");
        }
        if (i % 10 == 0) {
          st.add("ALTER " + keyword + db + "." + name + " OWNER TO `bench-group-" + (i / 10) % GROUPS + "`");
        }
        if (i % 50 == 1) {
          st.add("DENY SELECT ON " + keyword + db + "." + name + " TO `bench-group-" + (i + 1) % GROUPS + "`");
        }
      }
    }
    st.add("USE default");
    return root;
  }

  /** The target's principals and a warehouse the import finds. */
  @Override
  public JsonNode targetSeed() {
    ObjectNode root = principals();
    root.putObject("sql").putArray("warehouses").addObject().put("name", "bench-target");
    return root;
  }

  private static ObjectNode principals() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode groups = root.putObject("scim").putArray("groups");
    for (int g = 0; g < GROUPS; g++) {
      groups.addObject().put("displayName", "bench-group-" + g);
    }
    return root;
  }
}
