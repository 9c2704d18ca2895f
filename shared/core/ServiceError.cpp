#include "ServiceError.h"

#include <QCoreApplication>

namespace Gatehouse {

void ServiceError::internal(ServiceError *error)
{
    set(error, Kind::Internal, internalMessage());
}

QString ServiceError::internalMessage()
{
    return QCoreApplication::translate("Gatehouse::ServiceError",
                                       "Something went wrong on our side. Please try again.");
}

} // namespace Gatehouse
