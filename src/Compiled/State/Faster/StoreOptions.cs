using Microsoft.Extensions.Logging;

namespace Compiled.State.Faster;

/// <summary>Everything a store needs to open its files, shared by the blittable and the serialized kinds.</summary>
/// <param name="OperatorId">The operator owning the store; named in every error.</param>
/// <param name="Directory">The store's directory, <c>state/&lt;operatorId&gt;/</c>.</param>
/// <param name="Layout">Index and log sizes derived from the memory budget.</param>
/// <param name="LoggerFactory">FASTER's and the store's logging; none when null.</param>
/// <param name="BaseBatchId">The base version being recovered (named in integrity errors); -1 for a new store.</param>
internal sealed record StoreOptions(string OperatorId, string Directory, FasterStoreLayout Layout, ILoggerFactory? LoggerFactory, long BaseBatchId);
