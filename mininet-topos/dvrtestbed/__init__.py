"""onos-dvr multi-node testbed: topology description, network builder, controller config."""

from .model import Topology, TopologyError  # noqa: F401
from .generator import TopoParams, generate, named, NAMED  # noqa: F401
from .config import controller_config, netcfg, rest_calls  # noqa: F401
