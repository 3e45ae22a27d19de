/**
 * The SDK clients and the one REST transport: {@link io.dbsync.client.Clients} builds clients (profile,
 * environment, host and token), {@link io.dbsync.client.CountingHttpClient} waits out 429s and counts
 * every request per {@link io.dbsync.client.ApiFamily}, {@link io.dbsync.client.Rest} sends raw JSON
 * calls and decides what "not found" means.
 */
package io.dbsync.client;
