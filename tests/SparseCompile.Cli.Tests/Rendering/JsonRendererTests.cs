using SparseCompile.Cli.Inspection;
using SparseCompile.Cli.Rendering;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Cli.Tests.Rendering;

public class JsonRendererTests
{
    /// <summary>The whole document for a tiny model: changing it means changing the documented schema (InspectJson.md).</summary>
    [Fact]
    public void DocumentMatchesTheDocumentedSchema()
    {
        var b = new OnnxBuilder(opset: 13);
        string x = b.Input("x", DataType.Float, "batch", 4);
        b.Initializer("w", [4, 2], new float[] { 1, 0, 0, 1, 0, 1, 1, 0 });
        b.Return(b.Node("MatMul", [x, "w"]), "y", DataType.Float, "batch", 2);
        using var model = b.BuildModel();

        string json = JsonRenderer.Render(ModelInspector.Inspect(model, "tiny.onnx", NMPattern.TwoFour));

        Assert.Equal(
            """
            {
              "schemaVersion": 1,
              "file": "tiny.onnx",
              "producer": {
                "name": "SparseCompile.Testing",
                "version": "1"
              },
              "irVersion": 7,
              "opsets": [
                {
                  "domain": "ai.onnx",
                  "version": 13
                }
              ],
              "inputs": [
                {
                  "name": "x",
                  "elementType": "FLOAT",
                  "shape": [
                    "batch",
                    4
                  ]
                }
              ],
              "outputs": [
                {
                  "name": "y",
                  "elementType": "FLOAT",
                  "shape": [
                    "batch",
                    2
                  ]
                }
              ],
              "parameters": {
                "count": 8,
                "bytes": 32,
                "tensorCount": 1,
                "byOpType": [
                  {
                    "opType": "MatMul",
                    "nodeCount": 1,
                    "tensorCount": 1,
                    "count": 8,
                    "bytes": 32
                  }
                ],
                "tensors": [
                  {
                    "name": "w",
                    "elementType": "FLOAT",
                    "shape": [
                      4,
                      2
                    ],
                    "count": 8,
                    "bytes": 32,
                    "consumerOpTypes": [
                      "MatMul"
                    ]
                  }
                ]
              },
              "sparsity": {
                "pattern": "2:4",
                "n": 2,
                "m": 4,
                "summary": {
                  "weightCount": 1,
                  "compliantCount": 1,
                  "notApplicableCount": 0
                },
                "weights": [
                  {
                    "name": "w",
                    "opType": "MatMul",
                    "nodes": [
                      "matmul_0"
                    ],
                    "elementType": "FLOAT",
                    "shape": [
                      4,
                      2
                    ],
                    "reductionAxis": 0,
                    "reductionLength": 4,
                    "count": 8,
                    "zeroCount": 4,
                    "zeroFraction": 0.5,
                    "applicable": true,
                    "notApplicableReason": null,
                    "groupCount": 2,
                    "violatingGroupCount": 0,
                    "compliant": true,
                    "hasOtherConsumers": false,
                    "hasConflictingAxes": false,
                    "isOverridableInput": false
                  }
                ]
              }
            }

            """.ReplaceLineEndings("\n"),
            json);
    }

    [Fact]
    public void UnknownDimsAndShapesAreNull()
    {
        var b = new OnnxBuilder(opset: 13);
        b.Input("x", DataType.Float, "n", 4);
        b.Graph.Input[0].Type.TensorType.Shape.Dim.Add(new Onnx.Protos.TensorShapeProto.Types.Dimension());
        b.Graph.Output.Add(new Onnx.Protos.ValueInfoProto { Name = "x" });
        using var model = b.BuildModel();
        string json = JsonRenderer.Render(ModelInspector.Inspect(model, "m.onnx", NMPattern.TwoFour));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var input = document.RootElement.GetProperty("inputs")[0];
        Assert.Equal("[\"n\",4,null]", System.Text.Json.JsonSerializer.Serialize(input.GetProperty("shape")));
        var output = document.RootElement.GetProperty("outputs")[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, output.GetProperty("shape").ValueKind);
        Assert.Equal("unknown", output.GetProperty("elementType").GetString());
    }
}
