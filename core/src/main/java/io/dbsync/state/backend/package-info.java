/**
 * Remote state stores from a terraform backend file: S3 (a lock object written with If-None-Match)
 * and Azure Blob Storage (a lease), both passing the same store contract as the local state.
 */
package io.dbsync.state.backend;
