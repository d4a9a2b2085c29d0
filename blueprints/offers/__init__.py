"""Partner units, their offers, staff review and the service checklist (便民服务清单)."""
