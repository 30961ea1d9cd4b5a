"""Tests of segtui.store: connections, migrations, databases of earlier versions."""
