namespace ProxyAdmin.Application.Models;

/// <summary>Tells an outside system that a model was added; its failure never fails the request.</summary>
public interface IModelAlerts
{
    void ModelAdded(ModelDto model);
}
