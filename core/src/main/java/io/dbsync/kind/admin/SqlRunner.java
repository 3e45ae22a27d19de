package io.dbsync.kind.admin;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.compute.Language;
import com.databricks.sdk.service.compute.Results;
import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.databricks.sdk.service.sql.ResultData;
import com.databricks.sdk.service.sql.State;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import io.dbsync.client.Pause;
import io.dbsync.config.KindSettings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs metastore SQL: on a SQL warehouse through Statement Execution 2.0 (following result chunks,
 * polling while the statement runs) or on a cluster through command execution. Which one comes from
 * the {@code metastore} settings ({@code warehouse_id}, {@code cluster_id}); without settings (import)
 * the first RUNNING warehouse, then any warehouse (a statement starts it), then the first RUNNING cluster.
 */
abstract class SqlRunner {
  /** A statement that failed in SQL (not a transport error): its error text, e.g. "[TABLE_OR_VIEW_NOT_FOUND] ...". */
  static final class SqlFailure extends IOException {
    SqlFailure(String message) {
      super(message);
    }

    boolean notFound() {
      String m = getMessage() == null ? "" : getMessage();
      return !principalMissing() && (m.contains("TABLE_OR_VIEW_NOT_FOUND") || m.contains("SCHEMA_NOT_FOUND")
          || m.contains("does not exist") || m.contains("NoSuchTableException") || m.contains("NoSuchDatabaseException"));
    }

    /** The statement named a user, group or service principal the workspace does not have. */
    boolean principalMissing() {
      String m = getMessage() == null ? "" : getMessage();
      return m.contains("PRINCIPAL_DOES_NOT_EXIST") || m.matches("(?is).*principal\\b.*\\b(does not exist|not found).*");
    }
  }

  /**
   * A result the runner got only part of: a cluster shows at most its display limit of rows
   * (command results say "truncated"). Callers that list split the listing; the rest fail, since a
   * partial listing would look like deleted objects.
   */
  static final class TruncatedResult extends IOException {
    TruncatedResult(String statement, int rows) {
      super("the cluster returned only the first " + rows + " rows of: " + statement);
    }
  }

  /** All result rows; values are strings or null. */
  abstract List<List<String>> query(String statement) throws IOException;

  static SqlRunner of(WorkspaceClient client, KindSettings settings) throws IOException {
    String warehouse = settings == null ? null : text(settings, "warehouse_id");
    String cluster = settings == null ? null : text(settings, "cluster_id");
    if (warehouse != null) {
      return new Warehouse(client, warehouse);
    }
    if (cluster != null) {
      return new Cluster(client, ClusterCommands.cluster(client, cluster, "objects.metastore.cluster_id"));
    }
    String any = null;
    for (EndpointInfo w : client.warehouses().list(new ListWarehousesRequest())) {
      if (w.getState() == State.RUNNING) {
        return new Warehouse(client, w.getId());
      }
      if (any == null) {
        any = w.getId();
      }
    }
    if (any != null) {
      return new Warehouse(client, any);
    }
    return new Cluster(client, ClusterCommands.firstRunning(client).orElseThrow(() -> new IllegalStateException(
        "no SQL warehouse and no RUNNING cluster to run metastore statements on; "
            + "set objects.metastore.warehouse_id or objects.metastore.cluster_id")));
  }

  private static String text(KindSettings settings, String key) {
    List<String> v = settings.strings(key);
    return v.isEmpty() || v.get(0).isBlank() ? null : v.get(0);
  }

  /** Backquotes an identifier (backquotes inside doubled, as Spark SQL requires). */
  static String ident(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  static final class Warehouse extends SqlRunner {
    private final WorkspaceClient client;
    private final String warehouseId;

    Warehouse(WorkspaceClient client, String warehouseId) {
      this.client = client;
      this.warehouseId = warehouseId;
    }

    @Override
    List<List<String>> query(String statement) throws IOException {
      StatementResponse r = client.statementExecution().executeStatement(new ExecuteStatementRequest()
          .setWarehouseId(warehouseId).setStatement(statement).setWaitTimeout("30s"));
      long delay = 200;
      while (r.getStatus() != null && (r.getStatus().getState() == StatementState.PENDING
          || r.getStatus().getState() == StatementState.RUNNING)) {
        Pause.sleep(delay);
        delay = Math.min(5000, delay * 2);
        r = client.statementExecution().getStatement(r.getStatementId());
      }
      StatementState state = r.getStatus() == null ? null : r.getStatus().getState();
      if (state != StatementState.SUCCEEDED) {
        String msg = r.getStatus() != null && r.getStatus().getError() != null ? r.getStatus().getError().getMessage() : null;
        throw new SqlFailure(msg != null ? msg : "statement ended " + state + ": " + statement);
      }
      List<List<String>> rows = new ArrayList<>();
      ResultData chunk = r.getResult();
      while (chunk != null) {
        if (chunk.getDataArray() != null) {
          for (Collection<String> row : chunk.getDataArray()) {
            rows.add(new ArrayList<>(row));
          }
        }
        chunk = chunk.getNextChunkIndex() == null ? null
            : client.statementExecution().getStatementResultChunkN(r.getStatementId(), chunk.getNextChunkIndex());
      }
      return rows;
    }
  }

  static final class Cluster extends SqlRunner {
    private final WorkspaceClient client;
    private final String clusterId;

    Cluster(WorkspaceClient client, String clusterId) {
      this.client = client;
      this.clusterId = clusterId;
    }

    @Override
    List<List<String>> query(String statement) throws IOException {
      Results r;
      try {
        r = ClusterCommands.run(client, clusterId, Language.SQL, statement);
      } catch (ClusterCommands.CommandFailedException e) {
        throw new SqlFailure(e.getMessage());
      }
      List<List<String>> rows = new ArrayList<>();
      if (Boolean.TRUE.equals(r.getTruncated())) {
        throw new TruncatedResult(statement, r.getData() instanceof List<?> data ? data.size() : 0);
      }
      if (r.getData() instanceof List<?> data) {
        for (Object row : data) {
          List<String> out = new ArrayList<>();
          if (row instanceof List<?> cells) {
            cells.forEach(c -> out.add(c == null ? null : c.toString()));
          }
          rows.add(out);
        }
      }
      return rows;
    }
  }
}
