-- Databricks notebook source
SELECT 42 AS answer
