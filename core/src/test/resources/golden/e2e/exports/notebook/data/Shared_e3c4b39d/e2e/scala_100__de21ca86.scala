// Databricks notebook source
println("scala")
