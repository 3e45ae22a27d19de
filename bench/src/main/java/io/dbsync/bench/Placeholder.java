package io.dbsync.bench; final class Placeholder {}
