# Databricks notebook source
print("r")
