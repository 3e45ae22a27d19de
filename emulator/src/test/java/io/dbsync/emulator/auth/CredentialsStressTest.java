package io.dbsync.emulator.auth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials is read by request threads outside the emulator's lock while handlers issue and
 * revoke tokens: concurrent issue/lookup/revoke must leave every token either live or revoked.
 */
class CredentialsStressTest {
  @Test
  void concurrentIssueLookupAndRevokeStayConsistent() throws Exception {
    Credentials credentials = new Credentials();
    int threads = 8;
    int perThread = 500;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        go.await();
        Principal me = Principal.user("user" + thread + "@example.com");
        for (int i = 0; i < perThread; i++) {
          String token = "t" + thread + "-" + i;
          Credentials.Grant g = credentials.issue(token, me, Credentials.Source.PAT, i, 0, null);
          assertEquals(me, credentials.lookup(token).principal());
          if (i % 2 == 0) {
            assertTrue(credentials.revoke(g.tokenId(), me));
          }
          credentials.lookup("t" + ((thread + 1) % threads) + "-" + i); // reads racing another thread's writes
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    for (int t = 0; t < threads; t++) {
      Principal p = Principal.user("user" + t + "@example.com");
      assertEquals(perThread / 2, credentials.personalTokensOf(p).size());
      for (int i = 0; i < perThread; i++) {
        String token = "t" + t + "-" + i;
        if (i % 2 == 0) {
          assertNull(credentials.lookup(token));
          assertTrue(credentials.isRevoked(token));
        } else {
          assertEquals(p, credentials.lookup(token).principal());
          assertFalse(credentials.isRevoked(token));
        }
      }
    }
  }
}
