package io.dbsync.cli; final class Placeholder {}
