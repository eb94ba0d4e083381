"""Per-token activation quantization for an ONNX Runtime dynamic-int8 graph.

`quantize_dynamic` quantizes each MatMul's activations with one scale for the whole
input tensor (`DynamicQuantizeLinear`), so a text's vector depends on the other
texts of its batch: batching would make decisions depend on their neighbours. This
rewrite gives every token its own scale and zero point (asymmetric uint8), so a
row's result depends on that row alone: texts share a run, padded to the longest
with the padding masked, and each still gets exactly its own vector.
`python -m bench.bench_embedding` prints the speed-up, that the vectors do not move,
and the cosine to the torch reference.

The integer product is taken with zero point 0 and corrected afterwards:
sum_k (q_k - z_t) w_kn = MatMulInteger(q, w)_n - z_t * colsum(w)_n. The correction
sits between the Cast and the scale Mul, which also keeps ONNX Runtime from fusing
the three into `MatMulIntegerToFloat`, whose kernel assumes a per-tensor input
scale (fused, per-token scales gave wrong results).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import NodeProto, TensorProto, helper, numpy_helper

_ZERO_U8, _ZERO, _MAX_U8, _EPS = "pt_zero_u8", "pt_zero", "pt_255", "pt_eps"


def _quantizer(node: NodeProto) -> tuple[list[NodeProto], str]:
    """Nodes replacing one `DynamicQuantizeLinear`, which keep its quantized and scale
    outputs (now per token, shape [..., 1]); returns them and the float zero point."""
    x = node.input[0]
    quantized, scale, _ = node.output
    p = f"{node.name}_per_token"
    zero_point = f"{p}_zero_point"
    nodes = [
        helper.make_node("ReduceMin", [x], [f"{p}_min_raw"], axes=[-1], keepdims=1),
        helper.make_node("ReduceMax", [x], [f"{p}_max_raw"], axes=[-1], keepdims=1),
        helper.make_node("Min", [f"{p}_min_raw", _ZERO], [f"{p}_min"]),
        helper.make_node("Max", [f"{p}_max_raw", _ZERO], [f"{p}_max"]),
        helper.make_node("Sub", [f"{p}_max", f"{p}_min"], [f"{p}_range"]),
        helper.make_node("Div", [f"{p}_range", _MAX_U8], [f"{p}_scale_raw"]),
        helper.make_node("Max", [f"{p}_scale_raw", _EPS], [scale]),
        helper.make_node("Div", [f"{p}_min", scale], [f"{p}_min_steps"]),
        helper.make_node("Neg", [f"{p}_min_steps"], [f"{p}_zero_raw"]),
        helper.make_node("Round", [f"{p}_zero_raw"], [zero_point]),
        helper.make_node("Div", [x, scale], [f"{p}_steps"]),
        helper.make_node("Round", [f"{p}_steps"], [f"{p}_rounded"]),
        helper.make_node("Add", [f"{p}_rounded", zero_point], [f"{p}_shifted"]),
        helper.make_node("Clip", [f"{p}_shifted", _ZERO, _MAX_U8], [f"{p}_clipped"]),
        helper.make_node("Cast", [f"{p}_clipped"], [quantized], to=TensorProto.UINT8),
    ]
    return nodes, zero_point


def quantize_per_token(source: Path, target: Path) -> None:
    """Rewrite the `quantize_dynamic` output at `source` into `target` (see module doc)."""
    model = onnx.load(str(source))
    graph = model.graph
    weights = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    constants = [
        numpy_helper.from_array(np.asarray(0, dtype=np.uint8), _ZERO_U8),
        numpy_helper.from_array(np.asarray(0.0, dtype=np.float32), _ZERO),
        numpy_helper.from_array(np.asarray(255.0, dtype=np.float32), _MAX_U8),
        numpy_helper.from_array(np.asarray(1e-8, dtype=np.float32), _EPS),
    ]
    zero_points: dict[str, str] = {}  # DynamicQuantizeLinear zero-point output -> float one
    nodes: list[NodeProto] = []
    for node in graph.node:
        if node.op_type == "DynamicQuantizeLinear":
            replacement, zero_point = _quantizer(node)
            nodes += replacement
            zero_points[node.output[2]] = zero_point
        else:
            nodes.append(node)
    corrections: dict[str, tuple[str, str]] = {}  # MatMulInteger output -> (zero point, colsum)
    for node in nodes:
        if node.op_type == "MatMulInteger" and node.input[2] in zero_points:
            w = weights[node.input[1]].astype(np.int64)
            w_zero = weights[node.input[3]].astype(np.int64) if len(node.input) > 3 else 0
            colsum = f"{node.name}_colsum"
            constants.append(
                numpy_helper.from_array((w - w_zero).sum(axis=0).astype(np.float32), colsum)
            )
            corrections[node.output[0]] = (zero_points[node.input[2]], colsum)
            node.input[2] = _ZERO_U8
    rewritten: list[NodeProto] = []
    for node in nodes:
        rewritten.append(node)
        if node.op_type == "Cast" and node.input[0] in corrections:
            zero_point, colsum = corrections.pop(node.input[0])
            out = node.output[0]
            node.output[0] = f"{out}_uncorrected"
            rewritten += [
                helper.make_node("Mul", [zero_point, colsum], [f"{out}_zero_term"]),
                helper.make_node("Sub", [f"{out}_uncorrected", f"{out}_zero_term"], [out]),
            ]
    if not zero_points or corrections:
        raise ValueError(f"{source}: not an ONNX Runtime dynamic-int8 graph of the expected form")
    graph.ClearField("node")
    graph.node.extend(rewritten)
    graph.initializer.extend(constants)
    onnx.checker.check_model(model)
    onnx.save(model, str(target))
