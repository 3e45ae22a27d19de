package io.dbsync.kind.uc;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.databricks.sdk.service.sql.State;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import io.dbsync.client.Pause;
import io.dbsync.kind.ApplyContext;

import java.io.IOException;

/**
 * Runs the DDL of Unity Catalog tables and views in the target (as the provider's databricks_sql_table
 * does, there is no REST call for views or non-Delta tables) on a SQL warehouse through Statement
 * Execution: the first RUNNING warehouse, else any (a statement starts it). One per import run.
 */
final class UcStatements {
  private final WorkspaceClient client;
  private String warehouseId;

  private UcStatements(WorkspaceClient client) {
    this.client = client;
  }

  static UcStatements of(ApplyContext ctx) {
    return ctx.shared(UcStatements.class, () -> new UcStatements(ctx.client()));
  }

  /** Runs one statement to its end; a failed statement is an IOException with the SQL error. */
  void run(String statement) throws IOException {
    StatementResponse r = client.statementExecution().executeStatement(new ExecuteStatementRequest()
        .setWarehouseId(warehouse()).setStatement(statement).setWaitTimeout("30s"));
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
      throw new IOException(msg != null ? msg : "statement ended " + state);
    }
  }

  private synchronized String warehouse() throws IOException {
    if (warehouseId == null) {
      for (EndpointInfo w : client.warehouses().list(new ListWarehousesRequest())) {
        if (w.getState() == State.RUNNING) {
          warehouseId = w.getId();
          break;
        }
        if (warehouseId == null) {
          warehouseId = w.getId();
        }
      }
      if (warehouseId == null) {
        throw new IOException("no SQL warehouse in the target workspace to create Unity Catalog tables and views on "
            + "(they are made with SQL, as the Terraform provider does): create one, then import again");
      }
    }
    return warehouseId;
  }
}
