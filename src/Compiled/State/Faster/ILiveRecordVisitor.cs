namespace Compiled.State.Faster;

/// <summary>Receives the newest live record of each key during a scan of a store's log, as FASTER stores it.</summary>
internal interface ILiveRecordVisitor<TFKey, TFValue>
{
    /// <summary>Called once per live key; the references are valid only during the call.</summary>
    void Visit(ref TFKey key, ref TFValue value);
}
