#!/bin/bash
echo 'TZ=UTC' >> /etc/environment
