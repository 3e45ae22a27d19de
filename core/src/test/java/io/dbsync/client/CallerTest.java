package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.iam.User;
import io.dbsync.emulator.FaultRule;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallerTest {
  private static final String ME = "GET /api/2.0/preview/scim/v2/Me";

  @Test
  void threadsAskingAtOnceShareOneRequestAndLaterCallsMakeNone() throws Exception {
    try (TestWorkspace ws = TestWorkspace.start()) {
      WorkspaceClient c = Clients.forHost(ws.emulator().url(), ws.emulator().token());
      ws.emulator().requests().reset();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<User>> answers = new ArrayList<>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 64; i++) {
          answers.add(pool.submit(() -> {
            go.await();
            return Caller.me(c);
          }));
        }
        go.countDown();
        for (Future<User> f : answers) {
          assertEquals("admin@example.com", f.get().getUserName());
        }
      }
      Caller.me(c);
      assertEquals(1, ws.emulator().requests().route(ME));

      WorkspaceClient other = Clients.forHost(ws.emulator().url(), ws.emulator().token());
      assertEquals(Caller.me(c).getId(), Caller.me(other).getId());
      assertEquals(2, ws.emulator().requests().route(ME), "another client asks for itself");
    }
  }

  @Test
  void aFailureIsNotKeptTheNextCallAsksAgain() {
    try (TestWorkspace ws = TestWorkspace.start()) {
      WorkspaceClient c = Clients.forHost(ws.emulator().url(), ws.emulator().token());
      ws.emulator().addFault(FaultRule.status("GET", "^/api/2\\.0/preview/scim/v2/Me$", 403, 1));
      assertThrows(DatabricksError.class, () -> Caller.me(c));
      assertEquals("admin@example.com", Caller.me(c).getUserName());
      Caller.me(c);
      assertEquals(2, ws.emulator().requests().route(ME), "the refused request, then one that is kept");
    }
  }
}
